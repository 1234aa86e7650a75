"""Stage 2: raw articles → ``clean_documents`` (display + normalised text) and ``sentences``.

Only new or changed articles are cleaned, a batch at a time: the keys of the work are read first,
then each batch's texts, so memory holds one batch of articles, never the corpus.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from pipelines.lib.clean.boilerplate import load_boilerplate
from pipelines.lib.clean.document import clean_documents
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script, tune_for_bulk_writes

BATCH = 2000
SENTENCE_SCHEMA = {
    "doc_id": pl.String, "sentence_no": pl.Int32, "paragraph_no": pl.Int32,
    "char_start": pl.Int32, "char_end": pl.Int32, "text": pl.String,
}


def clean_batch(raw: pl.DataFrame, boilerplate_yaml: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Clean a batch of raw_documents rows; returns (clean_documents rows, sentences rows)."""
    boiler = load_boilerplate(boilerplate_yaml)
    batch = clean_documents(list(zip(raw["title"], raw["body"], strict=True)), boiler)
    docs = batch.documents
    texts = pl.Series("text", [d.text for d in docs], dtype=pl.String)
    norms = [d.text_norm for d in docs]
    clean = raw.select("doc_id", "file_id", "outlet", "title", "published_at", "url", "content_sha256").with_columns(
        texts,
        pl.Series("text_norm", norms, dtype=pl.String),
        texts.str.len_chars().cast(pl.Int32).alias("n_chars"),
        pl.Series("n_paragraphs", [d.n_paragraphs for d in docs], dtype=pl.Int32),
        pl.Series("n_paragraphs_removed", [d.n_paragraphs_removed for d in docs], dtype=pl.Int32),
        pl.Series("n_boilerplate_lines", [d.n_boilerplate_lines for d in docs], dtype=pl.Int32),
        pl.Series("norm_sha256", [hashlib.sha256(n.encode("utf-8")).hexdigest() for n in norms], dtype=pl.String),
    )
    # Sentence rows as columns; each sentence's text is a slice of its article's text (Polars, in Rust).
    start, end = batch.sentence_start, batch.sentence_end
    sentences = pl.DataFrame({
        "doc_id": raw["doc_id"].gather(batch.sentence_doc),
        "sentence_no": _rank_within(batch.sentence_doc),
        "paragraph_no": batch.sentence_paragraph,
        "char_start": start,
        "char_end": end,
        "text": texts.gather(batch.sentence_doc).str.slice(start, end - start),
    }).cast(SENTENCE_SCHEMA)
    return clean, sentences


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal (sorted) group numbers."""
    if len(groups) == 0:
        return groups
    first = np.concatenate(([0], np.flatnonzero(np.diff(groups)) + 1))
    return np.arange(len(groups)) - np.repeat(first, np.diff(np.append(first, len(groups))))


def run_clean(con: duckdb.DuckDBPyConnection, boilerplate_yaml: Path) -> dict:
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    todo = con.execute(sql("staging/clean_todo")).pl()
    n_sentences = 0
    for keys in batches(todo, BATCH):
        con.register("batch_keys", keys.to_arrow())
        try:
            raw = con.execute(sql("staging/clean_batch_raw"), [keys["doc_id"][0], keys["doc_id"][-1]]).pl()
        finally:
            con.unregister("batch_keys")
        docs, sents = clean_batch(raw, boilerplate_yaml)
        n_sentences += sents.height
        run_script(con, "staging/clean_merge", {"batch_documents": docs, "batch_sentences": sents})
    log_stage(con, "clean", todo.height, todo.height, time.perf_counter() - start)
    return {"documents_cleaned": todo.height, "sentences_written": n_sentences}
