"""Clean one article: tidy lines, drop boilerplate and repeated paragraphs, segment into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.clean.boilerplate import Boilerplate
from pipelines.lib.clean.segment import split_sentences

# Invisible characters go; odd spaces become plain spaces. Diacritics and tatweel stay in the display text.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\x00")
)
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"), " "
)
_TIDY = {**_INVISIBLE, **_SPACES}
_MULTISPACE = re.compile(r" {2,}")
PARAGRAPH_SEP = "\n\n"


@dataclass(frozen=True)
class CleanDocument:
    text: str                      # display text: title paragraph, then body paragraphs, joined by a blank line
    text_norm: str
    n_paragraphs: int
    n_paragraphs_removed: int      # verbatim repeats of an earlier paragraph
    n_boilerplate_lines: int
    sentences: list[tuple[int, int, int]]  # (paragraph_no, char_start, char_end) into ``text``


def tidy_line(line: str) -> str:
    return _MULTISPACE.sub(" ", line.translate(_TIDY)).strip()


def clean_document(title: str | None, body: str, boilerplate: Boilerplate) -> CleanDocument:
    paragraphs: list[str] = []
    seen: set[str] = set()
    removed = 0
    n_boiler = 0
    lines = ([title] if title else []) + body.split("\n")
    for raw in lines:
        line = tidy_line(raw)
        if not line:
            continue
        if boilerplate.is_boilerplate(line):
            n_boiler += 1
            continue
        key = normalize(line)
        if key in seen:
            removed += 1
            continue
        seen.add(key)
        paragraphs.append(line)
    text = PARAGRAPH_SEP.join(paragraphs)
    sentences: list[tuple[int, int, int]] = []
    offset = 0
    for p_no, para in enumerate(paragraphs):
        for s, e in split_sentences(para):
            sentences.append((p_no, offset + s, offset + e))
        offset += len(para) + len(PARAGRAPH_SEP)
    return CleanDocument(
        text=text,
        text_norm=normalize(text),
        n_paragraphs=len(paragraphs),
        n_paragraphs_removed=removed,
        n_boilerplate_lines=n_boiler,
        sentences=sentences,
    )
