"""Paragraphs and sentences of a clean display text, with character offsets into it.

Sentences of many paragraphs are found at once: one regex pass over the paragraphs joined by line
breaks finds every sentence end, and NumPy trims the spaces around every piece, instead of a Python
loop per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# A sentence ends at . ! ? ؟ ؛ (and runs of them, plus closing quotes/brackets) followed by a space or
# the end of the paragraph; "1.5" or "ar.rt.com" are not ends because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?؟؛…]+[\"'»”)\]]*(?=\s|$)")
# Which code points str.isspace() calls white space (all of them lie below U+3001).
_IS_SPACE = np.zeros(0x110000, dtype=bool)
_IS_SPACE[[c for c in range(0x3001) if chr(c).isspace()]] = True


def split_paragraphs(paragraphs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sentences of many paragraphs: (paragraph index, start, end), offsets into each paragraph.

    The paragraphs are joined by a line break, which the sentence-end pattern sees as the white space
    or end of paragraph it would see in the paragraph alone, so the sentences are the same.
    """
    if not paragraphs:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    joined = "\n".join(paragraphs)
    lengths = np.fromiter(map(len, paragraphs), dtype=np.int64, count=len(paragraphs))
    par_start = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    ends = np.fromiter((m.end() for m in _SENTENCE_END.finditer(joined)), dtype=np.int64)
    cuts = np.unique(np.concatenate((ends, par_start, par_start + lengths)))
    a, b = cuts[:-1], cuts[1:]
    space = _IS_SPACE[np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    pos = np.arange(len(space))
    next_text = np.minimum.accumulate(np.where(space, len(space), pos)[::-1])[::-1]
    prev_text = np.maximum.accumulate(np.where(space, -1, pos))
    start, end = next_text[a], prev_text[b - 1] + 1
    keep = start < b
    start, end = start[keep], end[keep]
    par = np.searchsorted(par_start, start, side="right") - 1
    return par, start - par_start[par], end - par_start[par]


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of one paragraph (leading/trailing spaces excluded)."""
    _, start, end = split_paragraphs([paragraph])
    return list(zip(start.tolist(), end.tolist(), strict=True))
