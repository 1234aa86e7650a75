"""Stage 3: exact and near-duplicate detection → ``document_decisions``: status, duplicate_of, similarity (the
``documents`` view shows them beside the texts).

Signatures are computed only for documents whose normalised text (or the signature scheme) changed,
a batch at a time; the new ones are compared with every live signature (a few NumPy arrays), and only the
duplicate groups a change reaches are clustered again (``_reachable``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import duckdb
import numpy as np
import polars as pl

from pipelines.lib.compute import fan_out
from pipelines.lib.dedup.lsh import EXACT_MARGIN, cluster_frame, near_pairs
from pipelines.lib.dedup.minhash import exact_jaccard, scheme, signature_series
from pipelines.lib.duck_inputs import fetch_frame, fetch_frame_for_keys
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script, scalar, tune_for_bulk_writes

NUM_PERM = 128
SHINGLE_WORDS = 3
# Documents per signature batch: two batches are computed at once (see _hash_changed), a third is read meanwhile.
BATCH = 2500
# Documents whose texts one query reads, then signed a batch at a time: on the 100k lake the texts of all
# 101,000 documents read 2.35 s in queries of 2,500, 1.76 s in queries of 10,000.
TEXTS_READ = 10_000


def _text_batches(con: duckdb.DuckDBPyConnection, todo: pl.DataFrame) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Each batch of ``todo`` (in doc_id order) with its normalised texts (in the same order), read ``TEXTS_READ``
    documents at a time when the next batch is wanted."""
    for part in batches(todo, TEXTS_READ):
        texts = fetch_frame_for_keys(con, sql("staging/minhash_texts"), part["doc_id"], "batch_keys")
        yield from zip(batches(part, BATCH), batches(texts, BATCH), strict=True)


def _batch_signatures(shard: tuple[pl.DataFrame, pl.DataFrame]) -> pl.DataFrame:
    """The batch's rows with their signature column: the pure work a worker does for a shard."""
    batch, texts = shard
    return batch.with_columns(signature_series(texts["text_norm"], NUM_PERM, SHINGLE_WORDS))


def _hash_changed(con: duckdb.DuckDBPyConnection, scheduler: str) -> int:
    tag = scheme(NUM_PERM, SHINGLE_WORDS)
    todo = fetch_frame(con, sql("staging/minhash_todo"), [tag])
    # Locally two batches are signed at once in threads of this process: NumPy and Polars release the GIL over
    # whole arrays (100,000 articles: 13.3 -> 8.5 s, +34 MB; batches of 5,000 gave 7.0 s but +260 MB). On the
    # run's worker processes they were slower (10,000 articles: dedup 1.78 -> 1.96 s, +300 MB): the texts travel.
    for frame in fan_out(_batch_signatures, _text_batches(con, todo), scheduler, local="threads"):
        store = "staging/minhash_merge" if frame["signed_before"].any() else "staging/minhash_store_new"
        run_script(con, store, {"batch_minhash": frame})
    return todo.height


def run_dedup(con: duckdb.DuckDBPyConnection, threshold: float, scheduler: str = "") -> dict:
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    n_hashed = _hash_changed(con, scheduler)
    pending = fetch_frame(con, sql("staging/documents_pending"))
    n_pending = pending.height
    n_clean = scalar(con, "select count(*) from clean_documents")
    n_deleted_before = scalar(con, "select count(*) from documents where status = 'deleted'")
    n_gone = n_clean - scalar(con, "select count(*) from clean_documents join raw_documents using (doc_id)")
    if n_hashed == 0 and n_pending == 0 and n_gone == n_deleted_before:
        log_stage(con, "dedup", 0, 0, time.perf_counter() - start)
        return {"documents_hashed": 0, "documents": n_clean, "duplicates": _count_dups(con), "rewritten": False}

    live = fetch_frame(con, sql("staging/live_signatures"))
    # As a fixed-width array: no exploded copy of every value (100,000 signatures: 0.004 s against 0.04-0.17 s).
    sig = live["signature"].list.to_array(NUM_PERM).to_numpy().astype(np.uint32, copy=False)
    judged = _judged(con, live, threshold)
    every = bool(judged["is_new"].all())
    found = near_pairs(sig, threshold, exact=_verifier(con, live["doc_id"]),
                       new=None if every else judged["is_new"].to_numpy())
    near = np.vstack([_known_pairs(con, judged), found])
    # Only the groups a change can reach are clustered again (all of them when every document is new: then
    # nothing is copied, the signatures of 100,000 documents are 51 MB).
    part, part_sig = live, sig
    if not every:
        at = np.flatnonzero(_reachable(con, live, judged, found, pending))
        within = np.full(live.height, -1, dtype=np.int64)
        within[at] = np.arange(len(at))
        scoped = within[near]
        part, part_sig, near = live[at], sig[at], scoped[(scoped >= 0).all(axis=1)]
    decisions = cluster_frame(part["doc_id"], part["n_chars"].to_numpy(), part["norm_sha256"], part_sig, threshold,
                              invisible=part["n_invisible"].to_numpy(), first_seen=part["ingested_at"], near=near)
    ids = live["doc_id"]
    _write_documents(con, decisions, live.select("doc_id"), judged,
                     pl.DataFrame({"doc_a": ids.gather(found[:, 0]), "doc_b": ids.gather(found[:, 1])}))
    n_changed = n_hashed + n_pending + abs(n_gone - n_deleted_before)
    log_stage(con, "dedup", n_hashed, n_changed, time.perf_counter() - start)
    return {"documents_hashed": n_hashed, "documents": n_clean, "duplicates": _count_dups(con), "rewritten": True}


def _judged(con: duckdb.DuckDBPyConnection, live: pl.DataFrame, threshold: float) -> pl.DataFrame:
    """Each live document (in ``live``'s order) with the fingerprint its near-duplicate pairs are judged under
    now, and whether they must be looked for (``is_new``: never, or under another text or settings).

    A pair's verdict depends only on the two texts and the settings, so the pairs among documents judged
    before stay as stored, and an incremental run compares only its new documents with the others: at
    100,000 articles the pairs of all documents took 3.7 s of a 1% run, most of it reading the texts of the
    borderline pairs again."""
    settings = f"{scheme(NUM_PERM, SHINGLE_WORDS)}:{threshold}:{EXACT_MARGIN}"
    now = live.select("doc_id", fingerprint=pl.col("norm_sha256") + f":{settings}")
    before = fetch_frame(con, sql("staging/near_pairs_state")).rename({"fingerprint": "before"})
    return (now.join(before, on="doc_id", how="left", maintain_order="left")
            .select("doc_id", "fingerprint", is_new=pl.col("before").ne_missing(pl.col("fingerprint"))))


def _known_pairs(con: duckdb.DuckDBPyConnection, judged: pl.DataFrame) -> np.ndarray:
    """The stored near-duplicate pairs whose two documents are judged as they are now, as index pairs into
    ``judged``."""
    index = judged.with_row_index("i").filter(~pl.col("is_new")).select("doc_id", "i")
    known = (fetch_frame(con, sql("staging/near_pairs_known"))
             .join(index.rename({"doc_id": "doc_a", "i": "a"}), on="doc_a")
             .join(index.rename({"doc_id": "doc_b", "i": "b"}), on="doc_b"))
    return known.select("a", "b").to_numpy().astype(np.int64).reshape(-1, 2)


def _reachable(con: duckdb.DuckDBPyConnection, live: pl.DataFrame, judged: pl.DataFrame,
               found: np.ndarray, pending: pl.DataFrame) -> np.ndarray:
    """Which live documents (a mask in ``live``'s order) may get another decision than the last run gave them:
    those in a duplicate group (as the last run left the groups) that a change reaches.

    A change is a document new or changed since it was judged (or live again, or without a decision yet), one
    cleaned again since its decision (``pending``: its length may differ), one whose file the latest ingest read,
    a document no longer live, or a pair found with a new document; an exact copy of a changed document (the same
    normalised text) joins it. Every document of a group reached is reached: the group's pairs and canonical
    copy may change. A group no change reaches keeps its members, pairs, canonical copy and similarities, so
    its decisions stay as they are: clustering every live document again cost 0.3 s of a one-file run at
    100,000 articles, most of it for groups of one."""
    before = fetch_frame(con, sql("staging/dedup_groups_before"))
    groups = live.select("doc_id", "norm_sha256").join(before, on="doc_id", how="left", maintain_order="left")
    group_id = groups["group_id"]
    # The files the latest ingest read (the same ingested_at) count as changed: read again with the same bytes,
    # an exact copy's new ingestion time may pick another canonical copy.
    changed = (judged["is_new"].to_numpy() | group_id.is_null().to_numpy()
               | live["doc_id"].is_in(pending["doc_id"].implode()).to_numpy()
               | (live["ingested_at"] == live["ingested_at"].max()).fill_null(False).to_numpy())
    changed[found.ravel()] = True
    copies = groups["norm_sha256"].is_in(groups.filter(changed)["norm_sha256"].implode()).to_numpy()
    gone = before.join(live.select("doc_id"), on="doc_id", how="anti")["group_id"]
    reached_groups = pl.concat([group_id.filter(changed | copies), gone]).drop_nulls().unique()
    return changed | copies | group_id.is_in(reached_groups.implode()).fill_null(False).to_numpy()


def _write_documents(con: duckdb.DuckDBPyConnection, decisions: pl.DataFrame, live: pl.DataFrame,
                     judged: pl.DataFrame, found: pl.DataFrame) -> None:
    """Give the documents of ``decisions`` their decision, mark 'deleted' those of ``documents`` (the clean
    stage wrote their texts) that are not ``live``, and keep the near-duplicate pairs ``found`` for the
    ``judged`` documents, in one commit."""
    con.begin()
    run_script(con, "staging/documents_rebuild", {"dedup_decisions": decisions, "dedup_live": live})
    run_script(con, "staging/near_pairs_store", {"near_pairs_live": judged, "near_pairs_found": found})
    con.commit()


def _verifier(con: duckdb.DuckDBPyConnection, doc_ids: pl.Series):
    """Exact Jaccard of pairs of live documents (indices into ``doc_ids``), from their stored texts."""

    def exact(pairs: np.ndarray) -> np.ndarray:
        involved = np.unique(pairs)
        keys = doc_ids.gather(involved)
        texts = keys.to_frame().join(fetch_frame_for_keys(con, sql("staging/minhash_texts"), keys, "batch_keys"),
                                     on="doc_id", how="left", maintain_order="left")
        return exact_jaccard(texts["text_norm"], np.searchsorted(involved, pairs), SHINGLE_WORDS)

    return exact


def _count_dups(con: duckdb.DuckDBPyConnection) -> int:
    return scalar(con, "select count(*) from documents where status = 'duplicate'")
