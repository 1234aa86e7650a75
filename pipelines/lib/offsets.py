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

_SENTENCE_KEY = ["doc_id", "sentence_no"]


def sentences_off_their_text(documents: pl.DataFrame, sentences: pl.DataFrame) -> int:
    """How many of ``sentences`` (doc_id, char_start, char_end, text) do not lie inside their document of
    ``documents`` (doc_id, text) or do not slice back to its text: the rule ``sentences__slice_back_to_text``."""
    if not sentences.height:
        return 0
    texts = documents.select("doc_id", pl.col("text").alias("_document"))
    joined = sentences.select("doc_id", "char_start", "char_end", "text").join(texts, on="doc_id", how="left")
    start, end = pl.col("char_start"), pl.col("char_end")
    bad = (pl.col("_document").is_null() | (start < 0) | (start >= end)
           | (end > pl.col("_document").str.len_chars())
           | (pl.col("_document").str.slice(start.clip(0), (end - start).clip(0)) != pl.col("text")))
    return int(joined.select(bad.sum()).item())


def spans_off_their_sentence(sentences: pl.DataFrame, spans: pl.DataFrame, surface: str) -> int:
    """How many of ``spans`` (doc_id, sentence_no, char_start, char_end and the ``surface`` column) have no
    sentence in ``sentences`` (doc_id, sentence_no, char_start, char_end, text), lie outside it, or do not
    slice back from its text to their surface: the rules ``actor_mentions__slice_back_to_surface``,
    ``location_mentions__slice_back_to_surface`` and ``casualty_claims__offsets_slice_back_to_phrase``."""
    if not spans.height:
        return 0
    held = sentences.select("doc_id", pl.col("sentence_no").cast(pl.Int64), pl.col("char_start").alias("_s_start"),
                            pl.col("char_end").alias("_s_end"), pl.col("text").alias("_sentence"))
    joined = (spans.select(*_SENTENCE_KEY, "char_start", "char_end", pl.col(surface).alias("_surface"))
              .with_columns(pl.col("sentence_no").cast(pl.Int64))
              .join(held, on=_SENTENCE_KEY, how="left"))
    start, end = pl.col("char_start"), pl.col("char_end")
    bad = (pl.col("_sentence").is_null() | (start < pl.col("_s_start")) | (end > pl.col("_s_end")) | (start > end)
           | (pl.col("_sentence").str.slice((start - pl.col("_s_start")).clip(0), (end - start).clip(0))
              != pl.col("_surface")))
    return int(joined.select(bad.sum()).item())
