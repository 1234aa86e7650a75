"""A regex alternation of literal words, written as a trie so Python's ``re`` does not try every word.

``re`` tries the alternatives of ``a|b|c`` one after the other at every position it reaches; with a
few hundred trigger, victim and number words that is most of the matching time. Factored by shared
prefixes ("قتل|قتلت|قتلوا" → "قتل(?:ت|وا)?"), each character is tested once per branch. The language and
the order in which the engine tries the words are those of the flat alternation sorted longest first:
two words can both match at one position only if one is a prefix of the other, and a trie tries the
longer one first; so every pattern built on it matches exactly what it matched before.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

_END = ""


def trie_alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups, to be wrapped in a group) matching exactly one of ``words``."""
    return _trie_of(frozenset(words))


# By word set: the claim rules are built again for every part of a batch a worker extracts (the run's actors and
# places go into them), and writing their alternations was a quarter of that (4.6 of 20 ms per part).
@lru_cache(maxsize=1024)
def _trie_of(words: frozenset[str]) -> str:
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _pattern(root)


def _pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # A word may end here: the longer words are tried first, as in a longest-first alternation.
        return body + "?" if len(body) == 1 else "(?:" + body + ")?"
    return body


@dataclass(frozen=True, eq=False)
class Scanner:
    """A pattern whose every match holds one of a few words, scanned by looking for the words first.

    ``re`` tries a pattern that opens with a look-behind at every position of the text; the words
    alone, as a trie, are found with its fast first-character search. Every match of ``pattern``
    starts at most ``reach`` characters before a match of ``scout`` (the particles in front of the
    word), so the pattern need only be searched from there: ``finditer`` returns exactly the matches
    ``pattern.finditer`` returns. ``words`` are the scout's words, for a :class:`WordAnchors` that finds
    the words of many scanners in one pass.
    """

    pattern: re.Pattern[str]
    scout: re.Pattern[str]
    reach: int
    words: frozenset[str] = frozenset()

    @classmethod
    def of(cls, pattern: str, words: Iterable[str], reach: int) -> Scanner:
        words = frozenset(words)
        return cls(re.compile(pattern), re.compile(trie_alternation(words)), reach, words)

    def finditer(self, text: str, anchors: Sequence[int] | None = None) -> list[re.Match[str]]:
        """Every match in ``text``; with ``anchors`` (where the words start in ``text``, sorted, from
        :meth:`WordAnchors.find`) the scout is not searched at all."""
        if anchors is not None:
            return self._finditer_at(text, anchors)
        out: list[re.Match[str]] = []
        pos = 0
        while True:
            anchor = self.scout.search(text, pos)
            if anchor is None:
                return out
            m = self.pattern.search(text, max(pos, anchor.start() - self.reach))
            if m is None:
                return out
            out.append(m)
            pos = m.end() if m.end() > m.start() else m.end() + 1   # past an empty match, as finditer

    def _finditer_at(self, text: str, anchors: Sequence[int], lo: int = 0, hi: int | None = None,
                     first: bool = False) -> list[re.Match[str]]:
        # Every match starts in the ``reach`` characters up to an anchor: the pattern is tried only there, in
        # order, each position once (a search from the anchor would run on to the end of the text when the
        # word there opens no match). ``lo``/``hi`` as ``pos``/``endpos`` of ``Pattern.finditer``.
        out: list[re.Match[str]] = []
        match, reach = self.pattern.match, self.reach
        hi = len(text) if hi is None else hi
        nxt = lo        # the first position not tried yet
        i = bisect.bisect_left(anchors, lo) if lo else 0
        n = len(anchors)
        while i < n and anchors[i] < hi:
            a = anchors[i]
            if a < nxt:
                i += 1
                continue
            p = max(nxt, a - reach)
            while p <= a and (m := match(text, p, hi)) is None:
                p += 1
            if p > a:
                nxt, i = a + 1, i + 1
                continue
            out.append(m)
            if first:
                break
            nxt = m.end() if m.end() > m.start() else m.end() + 1   # past an empty match, as finditer
        return out

    def finditer_between(self, text: str, lo: int, hi: int, anchors: Sequence[int] | None = None,
                         first: bool = False) -> list[re.Match[str]]:
        """``pattern.finditer(text, lo, hi)`` as a list (only its first match with ``first``); with ``anchors``
        (as for ``finditer``) tried only next to the words."""
        if anchors is None:
            found = self.pattern.finditer(text, lo, hi)
            if first:
                m = next(found, None)
                return [] if m is None else [m]
            return list(found)
        return self._finditer_at(text, anchors, lo, hi, first)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.pattern.match(text, pos)


class WordAnchors:
    """The words of many scanners in one Aho-Corasick automaton: one pass over a text finds where each
    scanner's words start, in place of one scout search per scanner (a sentence is read by a dozen).

    A scout finds the leftmost start at or after a position of any of its words; the automaton reports
    every occurrence of every word, overlapping ones included, so the sorted starts of one scanner's
    words give the same next anchor.
    """

    def __init__(self, scanners: Iterable[Scanner], words: Mapping[Hashable, Iterable[str]] | None = None) -> None:
        """One slot for each scanner with words, and one for each other set of ``words`` (by its key)."""
        self.slots: dict[Hashable, int] = {}
        groups = [(scanner, scanner.words) for scanner in scanners if scanner.words]
        by_word: dict[str, list[int]] = {}
        for key, group in [*groups, *(words or {}).items()]:
            if key not in self.slots:
                k = self.slots[key] = len(self.slots)
                for word in group:
                    if word:
                        by_word.setdefault(word, []).append(k)
        self._automaton = ahocorasick.Automaton()
        for word, slots in by_word.items():
            self._automaton.add_word(word, (len(word) - 1, tuple(slots)))
        if by_word:
            self._automaton.make_automaton()
        self._ready = bool(by_word)  # an automaton without words cannot be searched

    def find(self, text: str) -> dict[int, list[int]]:
        """The sorted starts (no repeats) of each scanner's words in ``text``, by slot; a scanner none of whose
        words occurs has no entry."""
        found: defaultdict[int, list[int]] = defaultdict(list)
        if not self._ready:
            return found
        for end, (back, slots) in self._automaton.iter(text):
            start = end - back
            for k in slots:
                found[k].append(start)
        for starts in found.values():
            if len(starts) > 1:
                # Reported by where each occurrence ends: a longer word may start before a shorter one found first.
                starts[:] = sorted(set(starts))
        return found
