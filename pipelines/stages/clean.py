"""Stage 2: raw articles → ``clean_documents`` (display + normalised text) and ``sentences``."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.clean.boilerplate import load_boilerplate
from pipelines.lib.clean.document import clean_document
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, run_script

BATCH = 2000
SENTENCE_SCHEMA = {
    "doc_id": pl.String, "sentence_no": pl.Int32, "paragraph_no": pl.Int32,
    "char_start": pl.Int32, "char_end": pl.Int32, "text": pl.String,
}


def clean_batch(raw: pl.DataFrame, boilerplate_yaml: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Clean a batch of raw_documents rows; returns (clean_documents rows, sentences rows)."""
    boiler = load_boilerplate(boilerplate_yaml)
    doc_rows: list[dict] = []
    sent_cols: dict[str, list] = {k: [] for k in SENTENCE_SCHEMA}
    for row in raw.iter_rows(named=True):
        doc = clean_document(row["title"], row["body"], boiler)
        doc_rows.append({
            "doc_id": row["doc_id"], "file_id": row["file_id"], "outlet": row["outlet"],
            "title": row["title"], "published_at": row["published_at"], "url": row["url"],
            "text": doc.text, "text_norm": doc.text_norm, "n_chars": len(doc.text),
            "n_paragraphs": doc.n_paragraphs, "n_paragraphs_removed": doc.n_paragraphs_removed,
            "n_boilerplate_lines": doc.n_boilerplate_lines,
            "norm_sha256": hashlib.sha256(doc.text_norm.encode("utf-8")).hexdigest(),
            "content_sha256": row["content_sha256"],
        })
        for no, (p_no, s, e) in enumerate(doc.sentences):
            sent_cols["doc_id"].append(row["doc_id"])
            sent_cols["sentence_no"].append(no)
            sent_cols["paragraph_no"].append(p_no)
            sent_cols["char_start"].append(s)
            sent_cols["char_end"].append(e)
            sent_cols["text"].append(doc.text[s:e])
    return pl.DataFrame(doc_rows, infer_schema_length=None), pl.DataFrame(sent_cols, schema=SENTENCE_SCHEMA)


def run_clean(con: duckdb.DuckDBPyConnection, boilerplate_yaml: Path) -> dict:
    start = time.perf_counter()
    todo = con.execute(sql("staging/clean_todo")).pl()
    n_sentences = 0
    for batch in batches(todo, BATCH):
        docs, sents = clean_batch(batch, boilerplate_yaml)
        n_sentences += sents.height
        run_script(con, "staging/clean_merge", {"batch_documents": docs, "batch_sentences": sents})
    log_stage(con, "clean", todo.height, todo.height, time.perf_counter() - start)
    return {"documents_cleaned": todo.height, "sentences_written": n_sentences}
