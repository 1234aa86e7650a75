"""Stage 3: exact and near-duplicate detection → ``documents`` with status, duplicate_of, similarity."""

from __future__ import annotations

import time

import duckdb
import numpy as np
import polars as pl

from pipelines.lib.dedup.lsh import cluster_duplicates
from pipelines.lib.dedup.minhash import signatures
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script

NUM_PERM = 128
SHINGLE_WORDS = 3
BATCH = 5000


def run_dedup(con: duckdb.DuckDBPyConnection, threshold: float) -> dict:
    start = time.perf_counter()
    todo = con.execute(sql("staging/minhash_todo")).pl()
    for batch in batches(todo, BATCH):
        sig = signatures(batch["text_norm"], num_perm=NUM_PERM, k=SHINGLE_WORDS)
        frame = pl.DataFrame({
            "doc_id": batch["doc_id"],
            "norm_sha256": batch["norm_sha256"],
            "signature": pl.Series(sig.tolist(), dtype=pl.List(pl.UInt32)),
        })
        con.register("batch_minhash", frame.to_arrow())
        con.execute("delete from doc_minhash where doc_id in (select doc_id from batch_minhash)")
        con.execute("insert into doc_minhash select * from batch_minhash")
        con.unregister("batch_minhash")

    n_documents_before = con.execute("select count(*) from documents").fetchone()[0]
    n_clean = con.execute("select count(*) from clean_documents").fetchone()[0]
    n_deleted_before = con.execute("select count(*) from documents where status = 'deleted'").fetchone()[0]
    live = con.execute(sql("staging/live_signatures")).pl()
    n_gone = n_clean - live.height
    if todo.height == 0 and n_documents_before == n_clean and n_gone == n_deleted_before:
        log_stage(con, "dedup", 0, 0, time.perf_counter() - start)
        return {"documents_hashed": 0, "documents": n_clean, "duplicates": _count_dups(con), "rewritten": False}

    sig = np.array(live["signature"].to_list(), dtype=np.uint32).reshape(live.height, NUM_PERM)
    decisions = cluster_duplicates(
        live["doc_id"].to_list(), live["n_chars"].to_numpy(), live["norm_sha256"].to_list(), sig, threshold
    )
    frame = pl.DataFrame(
        [(d.doc_id, d.status, d.duplicate_of, d.dup_similarity) for d in decisions],
        schema={"doc_id": pl.String, "status": pl.String, "duplicate_of": pl.String, "dup_similarity": pl.Float64},
        orient="row",
    )
    run_script(con, "staging/documents_rebuild", {"dedup_decisions": frame})
    n_changed = todo.height + abs(n_gone - n_deleted_before)
    log_stage(con, "dedup", todo.height, n_changed, time.perf_counter() - start)
    return {"documents_hashed": todo.height, "documents": n_clean, "duplicates": _count_dups(con), "rewritten": True}


def _count_dups(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select count(*) from documents where status = 'duplicate'").fetchone()[0]
