"""Stage 2: raw articles → display and normalised text in ``document_texts``, ``clean_documents``, ``sentences``.

Only new or changed articles, and every article after the cleaner changed, are cleaned, a batch at a
time: the keys of the work are read first, then each batch's texts, so memory holds one batch of articles,
never the corpus. An article cleaned again that comes out as it was keeps its rows (only its cleaner's version
is written), so the stages after this one see no change in it. The texts are written once, to ``document_texts``
(pending their dedup decision, which the dedup stage writes next); ``clean_documents`` keeps the counts and
hashes that incremental runs compare.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.clean.frames import clean_batch
from pipelines.lib.clean.version import cleaner_version
from pipelines.lib.compute import fan_out
from pipelines.lib.duck_inputs import fetch_frame, frames_registered
from pipelines.lib.offsets import sentences_off_their_text
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script, tune_for_bulk_writes

BATCH = 2000
# Articles one query reads, then cleaned a batch at a time: at 100k the raw articles took 4.7 s to read in
# queries of 2,000, 2.0 s in queries of 10,000.
RAW_READ = 10_000
# Articles whose rows one lake commit writes (a batch's rows are inserted as it comes): a commit costs 40-50 ms
# at 100k, and this stage's writing thread bounds it.
COMMIT_DOCS = 10_000


def _raw_batches(con: duckdb.DuckDBPyConnection, todo: pl.DataFrame) -> Iterator[pl.DataFrame]:
    """The raw articles of ``todo`` (sorted by doc_id), ``BATCH`` at a time, read ``RAW_READ`` at a time when the
    next batch is wanted."""
    for keys in batches(todo, RAW_READ):
        with frames_registered(con, {"batch_keys": keys.select("doc_id")}, read_once={"batch_keys"}):
            raw = fetch_frame(con, sql("staging/clean_batch_raw"), [keys["doc_id"][0], keys["doc_id"][-1]])
        yield from raw.iter_slices(BATCH)


def run_clean(con: duckdb.DuckDBPyConnection, boilerplate_yaml: Path, scheduler: str = "") -> dict:
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    version = cleaner_version(boilerplate_yaml)
    todo = fetch_frame(con, sql("staging/clean_todo"), [version])
    n_sentences = 0
    # Batches are cleaned in threads of this process while this thread writes the previous one to DuckDB
    # (which releases the GIL): at 100,000 articles, 51 commits took 22 s and inserts 9 s of the stage's 77 s
    # when done in turn. Two threads, not one: the cleaning's Polars and regex passes over a whole batch
    # release the GIL too, so two batches overlap there (100,000 articles: 20.9 -> 19.2 s). Worker processes
    # were dropped: two of them added 0.9 GB to the peak memory (2.37 against 1.47 GB) for a stage 5% faster
    # (70.5 s against 73.8 s inline). With a Dask scheduler the batches are cleaned on its workers instead.
    cleaned = fan_out(partial(clean_batch, boilerplate_yaml=boilerplate_yaml), _raw_batches(con, todo), scheduler,
                      local="threads")
    recleaned = set(todo.filter(pl.col("recleaned"))["doc_id"].to_list())
    off_text = n_unchanged = uncommitted = 0
    con.begin()                     # one commit per COMMIT_DOCS articles
    for docs, sents in cleaned:
        off_text += sentences_off_their_text(docs, sents)
        docs = docs.with_columns(pl.lit(version).alias("cleaner_version"))
        uncommitted += docs.height
        if recleaned and not recleaned.isdisjoint(docs["doc_id"].to_list()):
            docs, sents, kept = _keep_unchanged(con, docs, sents)
            n_unchanged += kept
            if docs.height:
                run_script(con, "staging/clean_replace", {"batch_documents": docs.select("doc_id")})
        n_sentences += sents.height
        # Two frames, each read once: DuckDB streams them instead of copying every text into a temporary
        # table the two inserts share (2.4 s of a first run at 100,000 articles).
        run_script(con, "staging/clean_merge", {"batch_clean_rows": docs.drop("text", "text_norm"),
                                                "batch_documents": docs, "batch_sentences": sents})
        if uncommitted >= COMMIT_DOCS:
            con.commit()
            con.begin()
            uncommitted = 0
    con.commit()
    log_stage(con, "clean", todo.height, todo.height - n_unchanged, time.perf_counter() - start)
    return {"documents_cleaned": todo.height, "documents_unchanged": n_unchanged,
            "sentences_written": n_sentences, "sentences__slice_back_to_text": off_text}


def _keep_unchanged(con: duckdb.DuckDBPyConnection, docs: pl.DataFrame,
                    sents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Of a batch with re-cleaned articles, those that came out as they were stored keep their rows (only their
    cleaner's version is written): after an edit of the boilerplate patterns or of the cleaning code, only the
    articles whose text or sentences changed are written again, and so deduplicated, extracted and placed again.
    The batch's other articles and sentences, and how many were kept."""
    # The sentences' bounds only (their texts are slices of the document's), read once: streamed, not copied.
    bounds = sents.select("doc_id", "sentence_no", "paragraph_no", "char_start", "char_end")
    with frames_registered(con, {"batch_documents": docs, "batch_sentences": bounds},
                           read_once={"batch_sentences"}):
        kept = fetch_frame(con, sql("staging/clean_unchanged"), [docs["doc_id"].min(), docs["doc_id"].max()])
    if not kept.height:
        return docs, sents, 0
    run_script(con, "staging/clean_keep", {"kept": docs.join(kept, on="doc_id").select("doc_id", "cleaner_version")})
    return (docs.join(kept, on="doc_id", how="anti"), sents.join(kept, on="doc_id", how="anti"), kept.height)
