"""Stages 4 and 5: sentences → actor/location mentions, then → casualty claims.

Only documents whose normalised text or reference data changed since they were
last extracted are processed; their old rows are replaced.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.extract.claims import extract_claims
from pipelines.lib.extract.mentions import find_mentions, load_reference
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon
from pipelines.lib.reference.version import reference_version
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script

BATCH = 2000


@lru_cache(maxsize=4)
def _reference(reference_dir: Path, version: str):
    """Automata and tables built once per process for a given version of the reference data
    (the version is part of the key so an edited dictionary is picked up)."""
    return load_reference(reference_dir), load_claim_lexicon(reference_dir)


def _todo(con: duckdb.DuckDBPyConnection, stage: str, version: str) -> pl.DataFrame:
    return con.execute(sql("staging/stage_todo"), [stage, version]).pl()


def _sentences(con: duckdb.DuckDBPyConnection, docs: pl.DataFrame) -> pl.DataFrame:
    con.register("batch_docs", docs.to_arrow())
    try:
        return con.execute(sql("staging/batch_sentences")).pl()
    finally:
        con.unregister("batch_docs")


def run_mentions(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> dict:
    start = time.perf_counter()
    version = reference_version(reference_dir)
    todo = _todo(con, "mentions", version)
    n_actor = n_loc = n_sent = 0
    need_dictionary = con.execute("select count(*) from actors").fetchone()[0] == 0
    if todo.height or need_dictionary:
        con.execute("delete from actors where source = 'dictionary'")
        con.execute("delete from locations where source <> 'detected'")
    groups = list(batches(todo, BATCH)) or ([todo] if need_dictionary else [])
    # Building the automata costs seconds: a run with nothing to extract never pays it.
    ref = _reference(reference_dir, version)[0] if groups else None
    for batch in groups:
        sents = _sentences(con, batch)
        n_sent += sents.height
        res = find_mentions(sents, ref)
        n_actor += res.actor_mentions.height
        n_loc += res.location_mentions.height
        run_script(con, "staging/mentions_merge", {
            "batch_docs": batch, "batch_actor_mentions": res.actor_mentions,
            "batch_location_mentions": res.location_mentions, "batch_actors": res.actors,
            "batch_locations": res.locations,
        })
    seconds = time.perf_counter() - start
    log_stage(con, "mentions", todo.height, todo.height, seconds)
    return {"documents_processed": todo.height, "sentences": n_sent, "actor_mentions": n_actor,
            "location_mentions": n_loc, "sentences_per_second": round(n_sent / seconds, 1) if seconds else None}


def run_claims(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> dict:
    start = time.perf_counter()
    version = reference_version(reference_dir)
    todo = _todo(con, "claims", version)
    lexicon = _reference(reference_dir, version)[1] if todo.height else None
    actors = con.execute("select * from actors").pl()
    locations = con.execute("select * from locations").pl()
    n_claims = n_sent = 0
    for batch in batches(todo, BATCH):
        sents = _sentences(con, batch)
        n_sent += sents.height
        con.register("batch_docs", batch.to_arrow())
        am = con.execute("select * from actor_mentions where doc_id in (select doc_id from batch_docs)").pl()
        lm = con.execute("select * from location_mentions where doc_id in (select doc_id from batch_docs)").pl()
        con.unregister("batch_docs")
        claims = extract_claims(sents, am, lm, actors, locations, lexicon)
        n_claims += claims.height
        run_script(con, "staging/claims_merge", {"batch_docs": batch, "batch_claims": claims})
    seconds = time.perf_counter() - start
    log_stage(con, "claims", todo.height, todo.height, seconds)
    return {"documents_processed": todo.height, "sentences": n_sent, "claims": n_claims,
            "sentences_per_second": round(n_sent / seconds, 1) if seconds else None}
