"""Normalise a whole batch of text at C speed and still map every normalised index back.

``normalize_with_map`` works sentence by sentence (NumPy per call, a Python walk over lines that NFKC
would change); over a batch of thousands of sentences that dominates the matching time. Here each
distinct character of the batch is folded once (``normalize`` of that character) and the whole text is
rewritten with NumPy table look-ups: a character folds to nothing (diacritics, tatweel, bidi marks), to
one character, or to several ("″" → "′′", "Ⅶ" → "vii", "ﻻ" → "لا"); runs of spaces then collapse to one.
The map back to the display text comes out of the same arrays.

The result is identical to ``normalize_with_map`` on text whose characters fold one at a time (which
``normalize_with_map`` assumes as well, on every line that NFKC would change).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import polars as pl

from pipelines.lib.arabic.normalize import normalize

_SEPARATOR = "\n"


@dataclass(frozen=True)
class NormalizedText:
    """A display text, its matching form, and the way back from one to the other."""

    display: str
    norm: str
    origin: np.ndarray     # display index of each normalised character

    def to_display(self, i: int) -> int:
        """Index in ``display`` of normalised character ``i``."""
        return int(self.origin[i])

    def display_span(self, start: int, end: int) -> tuple[int, int]:
        """Half-open display span of the normalised span ``[start, end)`` (``end > start``)."""
        return self.to_display(start), self.to_display(end - 1) + 1

    def to_display_many(self, indices: pl.Series) -> pl.Series:
        """``to_display`` for a whole column of normalised indices at once."""
        return pl.Series(self.origin[indices.to_numpy()], dtype=pl.Int64)


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    return normalize(ch)


def code_units(text: str) -> np.ndarray:
    """The characters of ``text`` as an integer array, index ``i`` for character ``i``: 16-bit when all of them
    lie in the Basic Multilingual Plane (Arabic news nearly always: half the memory every pass over the batch
    reads), else 32-bit."""
    raw = text.encode("utf-16-le")
    if len(raw) == 2 * len(text):
        return np.frombuffer(raw, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def from_code_units(units: np.ndarray) -> str:
    """The text of an array of ``code_units`` (16-bit: no character above the Basic Multilingual Plane)."""
    return codecs.decode(memoryview(np.ascontiguousarray(units)),
                         "utf-16-le" if units.dtype == np.uint16 else "utf-32-le")


def _dense(text: str) -> tuple[str, np.ndarray]:
    """Matching form of ``text`` and the display index of each of its characters."""
    codes = code_units(text)
    if not len(codes):
        return "", np.zeros(0, dtype=np.int64)
    # Which characters occur: a flag per code point (no count needed, and cheaper than ``np.bincount``).
    seen = np.zeros(0x10000 if codes.dtype == np.uint16 else int(codes.max()) + 1, dtype=bool)
    seen[codes] = True
    present = np.flatnonzero(seen)
    folds = {int(c): _fold(chr(c)) for c in present}
    narrow = codes.dtype == np.uint16 and all(ord(x) < 0x10000 for f in folds.values() for x in f)
    first = np.zeros(len(seen), dtype=np.uint16 if narrow else np.uint32)   # the first character of each fold
    dropped = np.zeros(len(seen), dtype=bool)                                # folds to nothing
    for c, f in folds.items():
        first[c] = ord(f[0]) if f else 0
        dropped[c] = not f
    if dropped[present].any():
        keep = ~dropped[codes]
        origin = np.flatnonzero(keep)
        kept = codes[keep]
    else:
        origin = np.arange(len(codes), dtype=np.int64)
        kept = codes
    out = first[kept]
    longer = [c for c, f in folds.items() if len(f) > 1]
    if longer:
        # Rare characters that fold to several ("Ⅶ" → "vii"): the rest of each fold goes in after its first.
        at, tails, owners = [], [], []
        for c in longer:
            tail = [ord(x) for x in folds[c][1:]]
            for i in np.flatnonzero(kept == c).tolist():
                at += [i + 1] * len(tail)
                tails += tail
                owners += [origin[i]] * len(tail)
        order = np.argsort(np.array(at, dtype=np.int64), kind="stable")
        at_sorted = np.array(at, dtype=np.int64)[order]
        out = _spliced(out, at_sorted, np.array(tails, dtype=out.dtype)[order])
        origin = _spliced(origin, at_sorted, np.array(owners, dtype=origin.dtype)[order])
    space = out == 32
    doubled = space[1:] & space[:-1]
    if doubled.any():
        keep = np.ones(len(out), dtype=bool)
        keep[1:] = ~doubled
        out, origin = out[keep], origin[keep]
    return from_code_units(out), origin


def _spliced(values: np.ndarray, at: np.ndarray, inserted: np.ndarray) -> np.ndarray:
    """``np.insert(values, at, inserted)`` for sorted ``at``, copying ``values`` once (``np.insert`` builds masks
    over the whole array, which is the whole batch here)."""
    pieces: list[np.ndarray] = []
    for k, part in enumerate(np.split(values, at)):
        pieces.append(part)
        if k < len(inserted):
            pieces.append(inserted[k:k + 1])
    return np.concatenate(pieces)


def normalize_mapped(text: str) -> NormalizedText:
    """Normalise ``text`` like ``normalize_with_map`` and keep the offset map."""
    norm, origin = _dense(text)
    return NormalizedText(text, norm, origin)


class NormalizedBatch:
    """Many short texts normalised in one pass; each comes back as ``normalize_with_map`` gives it.

    The texts are joined by line breaks, which normalisation keeps and never merges with a space, so each
    text's matching form is a slice of the whole and its map a slice of the whole map.
    """

    def __init__(self, texts: list[str]) -> None:
        self.norm, self._origin = _dense(_SEPARATOR.join(texts))
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        starts = np.zeros(len(texts), dtype=np.int64)
        if len(texts) > 1:
            starts[1:] = np.cumsum(lengths[:-1] + len(_SEPARATOR))
        # A text's separator folds to itself: the text ends where its separator's image begins.
        self._norm_starts = np.searchsorted(self._origin, starts).tolist()
        self._norm_ends = np.searchsorted(self._origin, starts + lengths).tolist()
        self._starts = starts.tolist()

    def __len__(self) -> int:
        return len(self._starts)

    def norm_of(self, i: int) -> str:
        """The matching form of text ``i`` alone (no offset map: a cheap look at its words)."""
        return self.norm[self._norm_starts[i]:self._norm_ends[i]]

    def get(self, i: int) -> tuple[str, list[int]]:
        """The matching form of text ``i`` and, for each of its characters, its index in text ``i``."""
        norm, origin = self.get_array(i)
        return norm, origin.tolist()

    def get_array(self, i: int) -> tuple[str, np.ndarray]:
        """``get`` with the map as a NumPy array."""
        a, b = self._norm_starts[i], self._norm_ends[i]
        return self.norm[a:b], self._origin[a:b] - self._starts[i]

    def to_norm(self, texts: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """For each display offset ``offsets[k]`` inside text ``texts[k]``, the first index of that text's matching
        form that maps to it or beyond (``bisect_left`` on the text's map), for all at once."""
        texts = np.asarray(texts, dtype=np.int64)
        starts = np.asarray(self._starts, dtype=np.int64)[texts]
        first = np.asarray(self._norm_starts, dtype=np.int64)[texts]
        last = np.asarray(self._norm_ends, dtype=np.int64)[texts]
        found = np.searchsorted(self._origin, starts + np.asarray(offsets, dtype=np.int64), side="left")
        return np.clip(found, first, last) - first
