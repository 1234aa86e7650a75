"""Accepted mention spans of one document in normalised text, and the words around a position."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from itertools import islice

from pipelines.lib.arabic.tokenize import QUOTE_CHARS, QUOTES, TOKEN, WORD_CLASS

# TOKEN without the quotation marks (each of which TOKEN reads as a token of its own): skipped while scanning.
_TOKEN_NO_QUOTES = re.compile(f"[{WORD_CLASS}]+|[^\\s{WORD_CLASS}{re.escape(QUOTE_CHARS)}]")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    actor_ids: tuple[str, ...] = ()
    location_ids: tuple[str, ...] = ()
    person: bool = False      # the span names a person actor (dictionary or detected)
    detected: dict | None = None  # extra facts of a detected entity (name, kind, admin ...); None from a dictionary


class SpanIndex:
    """Non-overlapping spans kept sorted by start."""

    def __init__(self, spans: list[Span] | None = None) -> None:
        self._spans: list[Span] = sorted(spans or [], key=lambda s: s.start)
        self._starts: list[int] = [s.start for s in self._spans]

    def __iter__(self):
        return iter(self._spans)

    def covering(self, pos: int) -> Span | None:
        """The span that contains position ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self._spans[i].end > pos:
            return self._spans[i]
        return None

    def overlapping(self, start: int, end: int) -> list[Span]:
        i = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self._spans) and self._spans[i].start < end:
            if self._spans[i].end > start:
                out.append(self._spans[i])
            i += 1
        return out

    def ending_at(self, pos: int) -> Span | None:
        """The span that ends exactly at ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            if self._spans[i].end == pos:
                return self._spans[i]
            if self._spans[i].end < pos:
                return None
            i -= 1
        return None

    def add(self, span: Span) -> None:
        i = bisect_right(self._starts, span.start)
        insort(self._starts, span.start)
        self._spans.insert(i, span)

    def remove(self, span: Span) -> None:
        i = self._spans.index(span)
        del self._spans[i]
        del self._starts[i]


def words_before(norm: str, pos: int, limit: int = 2) -> list[str]:
    """Up to ``limit`` words right before ``pos``, nearest last; stops at punctuation or a line break."""
    out: list[str] = []
    i = pos
    while len(out) < limit:
        while i > 0 and (norm[i - 1] == " " or norm[i - 1] in QUOTES):
            i -= 1
        j = i
        while j > 0 and norm[j - 1].isalnum():
            j -= 1
        if j == i:
            break
        out.insert(0, norm[j:i])
        i = j
    return out


def tokens_after(norm: str, pos: int, limit: int = 16, keep_quotes: bool = False):
    """The next ``limit`` tokens (words and punctuation) after ``pos`` on the same line; quotation
    marks are left out unless ``keep_quotes``."""
    line_end = norm.find("\n", pos)
    found = (TOKEN if keep_quotes else _TOKEN_NO_QUOTES).finditer(norm, pos, len(norm) if line_end < 0 else line_end)
    return [(m.group(), m.start(), m.end()) for m in islice(found, limit)]


def tokens_before(norm: str, pos: int, limit: int = 8, keep_quotes: bool = False):
    """The last ``limit`` tokens (words and punctuation) before ``pos`` on the same line, nearest last."""
    line_start = norm.rfind("\n", 0, pos) + 1
    found = (TOKEN if keep_quotes else _TOKEN_NO_QUOTES).finditer(norm, max(line_start, pos - 120), pos)
    return [(m.group(), m.start(), m.end()) for m in found][-limit:]
