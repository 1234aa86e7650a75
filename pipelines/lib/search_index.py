"""The article search's words, counted in Polars: which words each document holds and how often, the ids of
words the index has not seen, the numbers of the documents it has not numbered, and the rows of
``mart_search_terms``, ``mart_search_documents`` and ``mart_search_postings`` (``sql/marts/070_search_index.sql``)
for a range of documents.

A word is a run of letters and digits of the normalised text, exactly as DuckDB's ``[\\p{L}\\p{N}]+`` finds it,
because the search macro (``sql/marts/090_search_macro.sql``) splits the query that way in DuckDB.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import polars as pl

# DuckDB's regex engine (RE2) knows Unicode 15.0, Polars' 16.0: the 5,004 letters and digits Unicode 16.0
# added (among them three Arabic letters, U+10EC2-U+10EC4) would make words DuckDB splits. Intersecting with
# the characters assigned by Unicode 15.0 gives the same set as DuckDB's class; tests/unit/test_search_index.py
# compares the two over every code point, so a DuckDB or Polars upgrade that moves either shows there.
WORD = r"[\p{L}\p{N}&&\p{Age=15.0}]+"

TERMS_SCHEMA = {"term": pl.String, "term_id": pl.Int32}
_WORDS_SCHEMA = {"doc_id": pl.String, "term": pl.String, "tf": pl.Int32}
_LENGTHS_SCHEMA = {"doc_id": pl.String, "n_terms": pl.Int32}


class DocumentWords(NamedTuple):
    """What :func:`count_words` finds in a set of documents."""

    words: pl.DataFrame    # doc_id, term, tf (Int32): how often each word occurs in each document
    lengths: pl.DataFrame  # doc_id, n_terms (Int32): each document's length in words


def count_words(texts: Iterable[pl.DataFrame], workers: int = 1) -> DocumentWords:
    """The words of each document of ``texts`` (frames of ``doc_id``, ``text_norm``: their size bounds the
    memory the lists of words take) and how often each occurs; a document without a word has no row in either
    frame. Each document's words are counted in its own list (no hash table over every document and word
    pair). ``workers`` frames are counted at once, in threads (Polars lets go of the GIL); at most
    ``workers + 1`` are held."""
    parts: list[DocumentWords] = []
    with ThreadPoolExecutor(max(workers, 1)) as pool:
        pending: deque[Future[DocumentWords]] = deque()
        for batch in texts:
            pending.append(pool.submit(_count_batch, batch))
            if len(pending) > workers:
                parts.append(pending.popleft().result())
        parts.extend(future.result() for future in pending)
    if not parts:
        return DocumentWords(pl.DataFrame(schema=_WORDS_SCHEMA), pl.DataFrame(schema=_LENGTHS_SCHEMA))
    return DocumentWords(pl.concat([part.words for part in parts]), pl.concat([part.lengths for part in parts]))


def _count_batch(texts: pl.DataFrame) -> DocumentWords:
    counted = pl.element().value_counts(name="tf").struct.rename_fields(["term", "tf"])
    listed = texts.select(pl.col("doc_id"), pl.col("text_norm").str.extract_all(WORD).alias("words"))
    lengths = (listed.select(pl.col("doc_id"), pl.col("words").list.len().alias("n_terms"))
               .filter(pl.col("n_terms") > 0))
    words = (listed.select(pl.col("doc_id"), pl.col("words").list.eval(counted))
             .explode("words").drop_nulls("words").unnest("words"))
    return DocumentWords(words.cast(_WORDS_SCHEMA), lengths.cast(_LENGTHS_SCHEMA))


def new_terms(words: pl.DataFrame, vocabulary: pl.DataFrame) -> pl.DataFrame:
    """``term``, ``term_id``: the words of ``words`` that ``vocabulary`` (``term``, ``term_id``) lacks, numbered
    in term order (code point order, as DuckDB sorts text) after its largest id."""
    largest = vocabulary["term_id"].max() or 0
    return (
        words.select("term").unique()
        .join(vocabulary.select("term"), on="term", how="anti")
        .sort("term")
        .with_columns((pl.int_range(1, pl.len() + 1, dtype=pl.Int32) + largest).alias("term_id"))
    )


def number_documents(lengths: pl.DataFrame, largest: int) -> pl.DataFrame:
    """``doc_no``, ``doc_id``, ``n_terms``: :func:`count_words`' lengths numbered in doc_id order after ``largest``
    (the index's largest document number; 0 when it has none)."""
    return (lengths.sort("doc_id")
            .select((pl.int_range(1, pl.len() + 1, dtype=pl.Int32) + largest).alias("doc_no"), "doc_id", "n_terms"))


def postings(words: pl.DataFrame, vocabulary: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """``doc_no``, ``term_id``, ``tf``: :func:`count_words`' words with each word's id from ``vocabulary``, which
    must hold every word of ``words``, and each document's number from ``documents`` (:func:`number_documents`
    of the same count)."""
    return (words.join(vocabulary, on="term", how="inner")
            .join(documents.select("doc_id", "doc_no"), on="doc_id", how="inner")
            .select("doc_no", "term_id", "tf"))
