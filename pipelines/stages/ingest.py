"""Stage 1: corpus folder → raw zone, ``raw_files`` and ``raw_documents``, a batch of files at a time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.batch_pool import WorkerPool
from pipelines.lib.duck_inputs import fetch_frame
from pipelines.lib.ingest.listing import CorpusListing
from pipelines.lib.ingest.outlets import load_outlet_patterns
from pipelines.lib.ingest.raw_zone import RawZone, remove_orphaned_incoming
from pipelines.lib.ingest.scan import ingest_corpus
from pipelines.lib.sql import sql
from pipelines.stages.common import log_stage, run_script, tune_for_bulk_writes, utc_now
from pipelines.stages.corpus_metadata import apply_corpus_metadata
from pipelines.stages.fingerprint import record_input_fingerprint

BATCH_FILES = 2000
# Files whose rows one transaction writes (the batches read meanwhile are held until then): a lake commit and
# each insert cost a fixed 20-50 ms at 100,000 articles, and ingest's writing process bounds the stage.
WRITE_FILES = 10_000


def _resolve_doc_id_clashes(taken: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Two files yielding one doc_id (e.g. a/x.txt and b/x.txt): the later file's copy gets a suffix.
    ``taken``: the doc_id and file_id of every raw document the warehouse holds."""
    clash = docs.join(taken, on="doc_id", how="inner", suffix="_old").filter(pl.col("file_id") != pl.col("file_id_old"))
    dup_in_batch = pl.col("doc_id").is_duplicated() & (pl.int_range(pl.len()).over("doc_id") > 0)
    rename = docs["doc_id"].is_in(clash["doc_id"].implode()) | docs.select(dup_in_batch).to_series()
    return docs.with_columns(
        pl.when(rename).then(pl.col("doc_id") + "~" + pl.col("file_id").str.slice(0, 8)).otherwise("doc_id")
    )


def run_ingest(
    con: duckdb.DuckDBPyConnection, corpus: Path, lake: Path, outlets_csv: Path, max_bytes: int,
    verify: bool = False, on_listed: Callable[[str], None] | None = None, listing: CorpusListing | None = None,
    pool: WorkerPool | None = None,
) -> dict:
    """Ingest new and changed files; with ``verify``, also files whose bytes changed under an unchanged size
    and mtime (every file is hashed: the schedule's daily run and ``make run VERIFY=1``). ``on_listed`` gets
    the corpus listing's digest once the folder is scanned, before any file is read; ``listing``, the folder as a
    walk just before saw it, is read instead of walking it again; ``pool``, the run's worker processes, read the
    files of a large run (see ``ingest_corpus``)."""
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist (set RASD_CORPUS)")
    n_orphans = remove_orphaned_incoming(lake)
    known = fetch_frame(con, sql("staging/seen_files"))
    # The doc_ids raw_documents holds, read once and kept up to date batch by batch: asked per batch, the
    # lookup read the growing table's doc_id column 50 times at 100,000 articles (2.3 s).
    taken = fetch_frame(con, sql("staging/ingest_taken_ids"))
    seen = known.filter(pl.col("status") != "deleted")
    known_ids = known["file_id"]
    now = utc_now()
    n_quarantined = n_retry = 0

    held: list[tuple[pl.DataFrame, pl.DataFrame]] = []

    def hold(files: pl.DataFrame, docs: pl.DataFrame) -> None:
        """A batch's rows (its bytes are in the raw zone already), written with the next ones."""
        held.append((files, docs))
        if sum(f.height for f, _ in held) >= WRITE_FILES:
            write_held()

    def write_held() -> None:
        if held:
            merge(pl.concat([f for f, _ in held]), pl.concat([d for _, d in held]))
            held.clear()

    def merge(files: pl.DataFrame, docs: pl.DataFrame) -> None:
        nonlocal n_quarantined, n_retry, taken
        docs = _resolve_doc_id_clashes(taken, docs)
        n_quarantined += int((files["status"] == "quarantined").sum())
        n_retry += int(files["mtime"].is_null().sum())
        con.begin()                 # one commit per WRITE_FILES files
        if files["file_id"].is_in(known_ids.implode()).any():
            run_script(con, "staging/ingest_replace", {"new_files": files.select("file_id")})
            taken = taken.filter(~pl.col("file_id").is_in(files["file_id"].implode()))
        run_script(con, "staging/ingest_merge", {"new_files": files, "new_documents": docs})
        con.commit()
        taken = pl.concat([taken, docs.select("doc_id", "file_id")])

    result = ingest_corpus(corpus, lake, load_outlet_patterns(outlets_csv), seen, now, max_bytes,
                           sink=hold, batch_files=BATCH_FILES, verify=verify, on_listed=on_listed,
                           listing=listing, pool=pool)
    write_held()
    gone = pl.DataFrame({"file_id": result.deleted}, schema={"file_id": pl.String})
    if gone.height:
        run_script(con, "staging/ingest_gone", {"gone_files": gone})
    if n_retry:
        # Files that failed to read or changed mid-read are recorded without an mtime so ingest reads them
        # again; the input digest must not let the next `make run` skip that run.
        record_input_fingerprint(con, "")
    # Verify mode also re-hashes the raw zone: an object whose bytes changed on disk is reported, never silent.
    damaged = RawZone(lake).verify() if verify else []
    metadata = apply_corpus_metadata(con, corpus)
    n_changed = result.n_read + gone.height
    log_stage(con, "ingest", result.n_read, n_changed, time.perf_counter() - start)
    return {
        "files_seen": result.n_seen,
        "files_read": result.n_read,
        "files_unchanged": len(result.unchanged),
        "files_deleted": gone.height,
        "files_quarantined": n_quarantined,
        "files_to_read_again": n_retry,
        "files_verified_by_hash": result.n_verified,
        "files_replaced_same_size_mtime": result.n_replaced,
        "orphaned_raw_files_removed": n_orphans,
        "raw_objects_damaged": len(damaged),
        "documents_read": result.n_documents,
        **metadata,
    }
