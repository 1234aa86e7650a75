"""Paragraphs and sentences of a clean display text, with character offsets into it.

Sentences of many paragraphs are found at once, over the paragraphs joined by line breaks as one
array of code points: NumPy finds every sentence end (what ``SENTENCE_END`` matches) and trims the
spaces around every piece, instead of a Python loop per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# A sentence ends at . ! ? ؟ ؛ (and runs of them, plus closing quotes/brackets) followed by a space or
# the end of the paragraph; "1.5" or "ar.rt.com" are not ends because no space follows the dot.
_ENDERS = ".!?؟؛…"
_CLOSERS = "\"'»”)]"
SENTENCE_END = re.compile(f"[{re.escape(_ENDERS)}]+[{re.escape(_CLOSERS)}]*(?=\\s|$)")
# Which code points str.isspace() (and so the regex's \s) calls white space (all of them lie below U+3001).
_IS_SPACE = np.zeros(0x110000, dtype=bool)
_IS_SPACE[[c for c in range(0x3001) if chr(c).isspace()]] = True
_IS_ENDER = np.zeros(0x110000, dtype=bool)
_IS_ENDER[[ord(c) for c in _ENDERS]] = True
_IS_CLOSER = np.zeros(0x110000, dtype=bool)
_IS_CLOSER[[ord(c) for c in _CLOSERS]] = True


def _sentence_ends(points: np.ndarray, space: np.ndarray) -> np.ndarray:
    """End offsets of the matches of ``SENTENCE_END`` in the text of code points ``points``.

    A match is a run of enders, then of closers, followed by white space or the end of the text (a
    shorter run is followed by an ender or closer, never by a space, so only the longest can match).
    So an end is a position after an ender, or after closers that follow an ender, where a space or
    the end of the text comes next. Only the few enders and closers are looked at, never every position.
    """
    if len(points) == 0:
        return np.empty(0, dtype=np.int64)
    closer = _IS_CLOSER[points]
    followed = np.append(space[1:], True)                       # a space or the end comes next
    last = np.flatnonzero((closer | _IS_ENDER[points]) & followed)
    # A closer's run of closers: the character before the run must be an ender.
    closers = np.flatnonzero(closer)
    first = np.ones(len(closers), dtype=bool)
    first[1:] = np.diff(closers) != 1
    run_start = closers[first][np.cumsum(first) - 1]
    base = last.copy()
    at_closer = closer[last]
    base[at_closer] = run_start[np.searchsorted(closers, last[at_closer])] - 1
    ok = base >= 0
    ok[ok] = _IS_ENDER[points[base[ok]]]
    return last[ok] + 1


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
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = _IS_SPACE[points]
    ends = _sentence_ends(points, space)
    cuts = np.unique(np.concatenate((ends, par_start, par_start + lengths)))
    a, b = cuts[:-1], cuts[1:]
    # Trim each piece [a, b): a piece that starts (ends) inside a run of spaces starts after (ends
    # before) the run. Runs are found among the space positions, a small part of the text.
    spaces = np.flatnonzero(space)
    first = np.ones(len(spaces), dtype=bool)
    first[1:] = np.diff(spaces) != 1
    run = np.cumsum(first) - 1
    run_first = spaces[first][run]
    last = np.ones(len(spaces), dtype=bool)
    last[:-1] = first[1:]
    run_last = spaces[last][run]
    start, end = a.copy(), b.copy()
    lead, trail = space[a], space[b - 1]
    start[lead] = run_last[np.searchsorted(spaces, a[lead])] + 1
    end[trail] = run_first[np.searchsorted(spaces, b[trail] - 1)]
    keep = start < b
    start, end = start[keep], end[keep]
    par = np.searchsorted(par_start, start, side="right") - 1
    return par, start - par_start[par], end - par_start[par]


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of one paragraph (leading/trailing spaces excluded)."""
    _, start, end = split_paragraphs([paragraph])
    return list(zip(start.tolist(), end.tolist(), strict=True))
