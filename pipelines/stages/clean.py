"""Stage 2: raw articles → display and normalised text in ``documents``, ``clean_documents`` and ``sentences``.

Only new or changed articles are cleaned, a batch at a time: the keys of the work are read first,
then each batch's texts, so memory holds one batch of articles, never the corpus. The texts are
written once, to ``documents`` (pending their dedup decision, which the dedup stage writes next);
``clean_documents`` keeps the counts and hashes that incremental runs compare.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.batch_pool import ordered_map, pool_size
from pipelines.lib.clean.frames import clean_batch
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script, tune_for_bulk_writes

BATCH = 2000
# Below this many articles, worker processes cost more than they save: starting two (each imports Polars,
# NumPy and the pipeline) takes ~3 s of CPU and every batch is pickled both ways. At 10,000 articles on a
# busy 2-core machine, cleaning took 11.1 s with two workers and 8.9 s inline (best of 3).
POOL_MIN_DOCS = 20000


def _raw_batches(con: duckdb.DuckDBPyConnection, todo: pl.DataFrame) -> Iterator[pl.DataFrame]:
    """The raw articles of each batch of ``todo``, read when the next batch is wanted."""
    for keys in batches(todo, BATCH):
        con.register("batch_keys", keys.select("doc_id").to_arrow())
        try:
            yield con.execute(sql("staging/clean_batch_raw"), [keys["doc_id"][0], keys["doc_id"][-1]]).pl()
        finally:
            con.unregister("batch_keys")


def run_clean(con: duckdb.DuckDBPyConnection, boilerplate_yaml: Path) -> dict:
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    todo = con.execute(sql("staging/clean_todo")).pl()
    n_sentences = 0
    # Batches are cleaned in worker processes (when there are several batches and cores) while this
    # process writes the ones already cleaned; only this process talks to DuckDB.
    workers = pool_size(-(-todo.height // BATCH)) if todo.height >= POOL_MIN_DOCS else 0
    cleaned = ordered_map(partial(clean_batch, boilerplate_yaml=boilerplate_yaml), _raw_batches(con, todo), workers)
    recleaned = set(todo.filter(pl.col("recleaned"))["doc_id"].to_list())
    for docs, sents in cleaned:
        n_sentences += sents.height
        con.begin()                 # one commit per batch
        if recleaned and not recleaned.isdisjoint(docs["doc_id"].to_list()):
            run_script(con, "staging/clean_replace", {"batch_documents": docs.select("doc_id")})
        run_script(con, "staging/clean_merge", {"batch_documents": docs, "batch_sentences": sents})
        con.commit()
    log_stage(con, "clean", todo.height, todo.height, time.perf_counter() - start)
    return {"documents_cleaned": todo.height, "sentences_written": n_sentences}
