"""A regex alternation of literal words, written as a trie so Python's ``re`` does not try every word.

``re`` tries the alternatives of ``a|b|c`` one after the other at every position it reaches; with a
few hundred trigger, victim and number words that is most of the matching time. Factored by shared
prefixes ("قتل|قتلت|قتلوا" → "قتل(?:ت|وا)?"), each character is tested once per branch. The language and
the order in which the engine tries the words are those of the flat alternation sorted longest first:
two words can both match at one position only if one is a prefix of the other, and a trie tries the
longer one first; so every pattern built on it matches exactly what it matched before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_END = ""


def trie_alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups, to be wrapped in a group) matching exactly one of ``words``."""
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
    ``pattern.finditer`` returns.
    """

    pattern: re.Pattern[str]
    scout: re.Pattern[str]
    reach: int

    @classmethod
    def of(cls, pattern: str, words: Iterable[str], reach: int) -> Scanner:
        return cls(re.compile(pattern), re.compile(trie_alternation(words)), reach)

    def finditer(self, text: str) -> list[re.Match[str]]:
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

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.pattern.match(text, pos)
