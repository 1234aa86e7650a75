"""Clean articles: tidy lines, drop boilerplate and repeated paragraphs, segment into sentences.

Articles are cleaned a batch at a time: the per-line work is a few C-level calls, and the
normalisation that repeated-paragraph detection and ``text_norm`` need runs once for the batch
(:func:`normalize_many`). ``normalize`` never acts across a line break, so the normalised text is the
normalised paragraphs joined, and each paragraph is normalised once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.lib.clean.batch_text import char_table, normalize_many, translate_many
from pipelines.lib.clean.boilerplate import Boilerplate
from pipelines.lib.clean.segment import split_sentences

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


def _assemble(lines: list[str], keys: list[str], n_boiler: int) -> CleanDocument:
    """Keep the first of each normalised-equal line and segment the result."""
    paragraphs: list[str] = []
    norms: list[str] = []
    seen: set[str] = set()
    for line, key in zip(lines, keys, strict=True):
        if key not in seen:
            seen.add(key)
            paragraphs.append(line)
            norms.append(key)
    sentences: list[tuple[int, int, int]] = []
    offset = 0
    for p_no, para in enumerate(paragraphs):
        sentences.extend((p_no, offset + s, offset + e) for s, e in split_sentences(para))
        offset += len(para) + len(PARAGRAPH_SEP)
    return CleanDocument(
        text=PARAGRAPH_SEP.join(paragraphs),
        text_norm=PARAGRAPH_SEP.join(norms),
        n_paragraphs=len(paragraphs),
        n_paragraphs_removed=len(lines) - len(paragraphs),
        n_boilerplate_lines=n_boiler,
        sentences=sentences,
    )


def clean_documents(articles: Sequence[tuple[str | None, str]], boilerplate: Boilerplate) -> list[CleanDocument]:
    """Clean many (title, body) articles; tidying and normalisation run once for all of them."""
    titles = [t for t, _ in articles if t]
    tidy = iter(tidy_many(titles + [body for _, body in articles]))
    tidy_titles = [next(tidy) if t else None for t, _ in articles]
    per_doc = [_candidate_lines(title, next(tidy), boilerplate) for title in tidy_titles]
    flat = [line for lines, _ in per_doc for line in lines]
    keys = normalize_many(flat)
    out: list[CleanDocument] = []
    pos = 0
    for lines, n_boiler in per_doc:
        out.append(_assemble(lines, keys[pos : pos + len(lines)], n_boiler))
        pos += len(lines)
    return out


def clean_document(title: str | None, body: str, boilerplate: Boilerplate) -> CleanDocument:
    return clean_documents([(title, body)], boilerplate)[0]
