"""A batch of raw_documents rows → the rows the clean stage writes (documents and clean_documents
columns, sentences), as Polars frames. A pure function of its input, so batches can be cleaned in
worker processes; this module imports only what cleaning needs, which keeps a worker's start short.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.lib.arabic.normalize import INVISIBLE_CLASS
from pipelines.lib.clean.boilerplate import load_boilerplate
from pipelines.lib.clean.document import clean_documents

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
        texts.str.count_matches(INVISIBLE_CLASS).cast(pl.Int32).alias("n_invisible"),
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
