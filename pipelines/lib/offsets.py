"""Offset rules checked on the frames a stage writes, before it writes them: every sentence slices back to its
article's text, every mention and claim phrase to its sentence.

They were SQL rules over the stored tables, which join every changed document's sentences with their texts:
at 100,000 articles in a first run 5.1 s of the checks and, for the mentions' rule, a hash table of every
sentence's text that took the run's process from 0.7 to 1.6 GB, its largest moment beside the worker processes.
On the frames the same comparison is a Polars join of one batch (a few thousand documents) at a time.

Offsets are in characters (code points), as Python's and DuckDB's string functions count them; a span is
``[char_start, char_end)`` in the coordinates of the text it is sliced from (a sentence's offsets and those of
its mentions are document offsets).
"""

from __future__ import annotations

import polars as pl


def _count_off(joined: pl.DataFrame, lo: pl.Expr, hi: pl.Expr, container: pl.Expr, surface: pl.Expr,
               empty_ok: bool) -> int:
    """How many rows of ``joined`` hold a span (``char_start``, ``char_end``) with no ``container`` text, outside
    ``[lo, hi)`` (the container's own offsets), backwards (or empty unless ``empty_ok``), or whose slice of the
    container is not ``surface``."""
    start, end = pl.col("char_start"), pl.col("char_end")
    bad = (container.is_null() | (start < lo) | (end > hi) | ((start > end) if empty_ok else (start >= end))
           | (container.str.slice((start - lo).clip(0), (end - start).clip(0)) != surface))
    return int(joined.select(bad.sum()).item())


def sentences_off_their_text(documents: pl.DataFrame, sentences: pl.DataFrame) -> int:
    """How many of ``sentences`` (doc_id, char_start, char_end, text) do not lie inside their document of
    ``documents`` (doc_id, text) or do not slice back to its text: the rule ``sentences__slice_back_to_text``."""
    if not sentences.height:
        return 0
    joined = sentences.select("doc_id", "char_start", "char_end", "text").join(
        documents.select("doc_id", pl.col("text").alias("_document")), on="doc_id", how="left")
    document = pl.col("_document")
    return _count_off(joined, pl.lit(0), document.str.len_chars(), document, pl.col("text"), empty_ok=False)


def spans_off_their_sentence(sentences: pl.DataFrame, spans: pl.DataFrame, surface: str) -> int:
    """How many of ``spans`` (doc_id, sentence_no, char_start, char_end and the ``surface`` column) have no
    sentence in ``sentences`` (doc_id, sentence_no, char_start, char_end, text), lie outside it, or do not
    slice back from its text to their surface: the rules ``actor_mentions__slice_back_to_surface``,
    ``location_mentions__slice_back_to_surface`` and ``casualty_claims__offsets_slice_back_to_phrase``."""
    if not spans.height:
        return 0
    held = sentences.select("doc_id", pl.col("sentence_no").cast(pl.Int64), pl.col("char_start").alias("_s_start"),
                            pl.col("char_end").alias("_s_end"), pl.col("text").alias("_sentence"))
    joined = (spans.select("doc_id", pl.col("sentence_no").cast(pl.Int64), "char_start", "char_end",
                           pl.col(surface).alias("_surface"))
              .join(held, on=["doc_id", "sentence_no"], how="left"))
    return _count_off(joined, pl.col("_s_start"), pl.col("_s_end"), pl.col("_sentence"), pl.col("_surface"),
                      empty_ok=True)
