"""Clean articles: tidy lines, drop boilerplate and repeated paragraphs, segment into sentences.

Articles are cleaned a batch at a time: the per-line work is a few C-level calls, and tidying,
the normalisation that repeated-paragraph detection and ``text_norm`` need (:func:`normalize_many`)
and sentence segmentation (:func:`split_paragraphs`) each run once for the batch. ``normalize``
never acts across a line break, so the normalised text is the normalised paragraphs joined, and
each paragraph is normalised once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.lib.clean.batch_text import char_table, normalize_many, translate_many
from pipelines.lib.clean.boilerplate import Boilerplate
from pipelines.lib.clean.segment import split_paragraphs

# Invisible characters go; odd spaces become plain spaces (and runs of spaces one space).
# Diacritics and tatweel stay in the display text.
_INVISIBLE = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\x00"
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
_TIDY = char_table({**dict.fromkeys(_INVISIBLE, ""), **dict.fromkeys(_ODD_SPACES, " ")})
PARAGRAPH_SEP = "\n\n"


@dataclass(frozen=True)
class CleanDocument:
    text: str                      # display text: title paragraph, then body paragraphs, joined by a blank line
    text_norm: str
    n_paragraphs: int
    n_paragraphs_removed: int      # verbatim repeats of an earlier paragraph
    n_boilerplate_lines: int
    sentences: list[tuple[int, int, int]]  # (paragraph_no, char_start, char_end) into ``text``


def tidy_many(texts: Sequence[str]) -> list[str]:
    """Drop invisible characters and turn any run of spaces (of any width) into one space, per text."""
    return translate_many(texts, _TIDY, collapse_spaces=True)


def _candidate_lines(title: str | None, body: str, boilerplate: Boilerplate) -> tuple[list[str], int]:
    """Non-empty, non-boilerplate lines (title first) of a tidied article; and how many were boilerplate."""
    lines = ([title.strip()] if title is not None else []) + body.split("\n")
    kept: list[str] = []
    n_boiler = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if boilerplate.is_boilerplate(line):
            n_boiler += 1
            continue
        kept.append(line)
    return kept, n_boiler


def _dedupe(lines: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """The first of each set of lines with equal normalised text, with its normalised text."""
    paragraphs: list[str] = []
    norms: list[str] = []
    seen: set[str] = set()
    for line, key in zip(lines, keys, strict=True):
        if key not in seen:
            seen.add(key)
            paragraphs.append(line)
            norms.append(key)
    return paragraphs, norms


@dataclass(frozen=True)
class CleanBatch:
    """Clean articles and, as columns, every sentence of them (offsets into each article's text)."""

    documents: list[CleanDocument]
    sentence_doc: np.ndarray         # index into ``documents``
    sentence_paragraph: np.ndarray
    sentence_start: np.ndarray
    sentence_end: np.ndarray


def clean_documents(articles: Sequence[tuple[str | None, str]], boilerplate: Boilerplate) -> CleanBatch:
    """Clean many (title, body) articles; tidying, normalisation and segmentation run once for all."""
    titles = [t for t, _ in articles if t]
    tidy = iter(tidy_many(titles + [body for _, body in articles]))
    tidy_titles = [next(tidy) if t else None for t, _ in articles]
    per_doc = [_candidate_lines(title, next(tidy), boilerplate) for title in tidy_titles]
    keys = iter(normalize_many([line for lines, _ in per_doc for line in lines]))
    kept = [_dedupe(lines, [next(keys) for _ in lines]) for lines, _ in per_doc]

    paragraphs = [p for paras, _ in kept for p in paras]
    n_paras = np.fromiter((len(paras) for paras, _ in kept), dtype=np.int64, count=len(kept))
    par_doc = np.repeat(np.arange(len(kept)), n_paras)
    first_par = np.concatenate(([0], np.cumsum(n_paras)[:-1]))
    lengths = np.fromiter(map(len, paragraphs), dtype=np.int64, count=len(paragraphs))
    # Offset of each paragraph in its article's text: the paragraphs (and separators) of the article before it.
    before = np.cumsum(lengths + len(PARAGRAPH_SEP)) - lengths - len(PARAGRAPH_SEP)
    par_offset = before - before[np.repeat(first_par, n_paras)]
    par, start, end = split_paragraphs(paragraphs)
    sentence_doc = par_doc[par]
    sentence_paragraph = par - first_par[sentence_doc]
    start, end = start + par_offset[par], end + par_offset[par]

    counts = np.bincount(sentence_doc, minlength=len(kept))
    bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
    rows = list(zip(sentence_paragraph.tolist(), start.tolist(), end.tolist(), strict=True))
    documents = [
        CleanDocument(
            text=PARAGRAPH_SEP.join(paras),
            text_norm=PARAGRAPH_SEP.join(norms),
            n_paragraphs=len(paras),
            n_paragraphs_removed=len(lines) - len(paras),
            n_boilerplate_lines=n_boiler,
            sentences=rows[bounds[i] : bounds[i + 1]],
        )
        for i, ((lines, n_boiler), (paras, norms)) in enumerate(zip(per_doc, kept, strict=True))
    ]
    return CleanBatch(documents, sentence_doc, sentence_paragraph, start, end)


def clean_document(title: str | None, body: str, boilerplate: Boilerplate) -> CleanDocument:
    return clean_documents([(title, body)], boilerplate).documents[0]
