"""Clitic-aware tokens of Arabic text in matching form (the output of ``normalize``).

Arabic writes conjunctions and prepositions as prefixes of the next word ("بريف دمشق" is "ب" +
"ريف دمشق", "لقوات النظام" is "ل" + "قوات النظام") and possessive pronouns as suffixes ("قواته").
Dictionary look-ups must see through them while offsets keep pointing at the surface, so every
reading records how many surface characters its prefix takes.

The preposition ل before the article ال drops the alef: "للنظام" is "ل" + "النظام". Its reading
starts at the second ل (the article's) and restores the alef in the stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Word characters of the matching form: ASCII digits and letters (lower-cased) and the Arabic letters.
WORD_CLASS = "0-9a-z\u0621-\u063a\u0641-\u064a"
WORD = re.compile(f"[{WORD_CLASS}]+")
# A token is a word or one non-space character (punctuation stops names and lists).
TOKEN = re.compile(f"[{WORD_CLASS}]+|[^\\s{WORD_CLASS}]")

# Quotation marks around names ("بلدة "بليل"", «نور الدين الزنكي») are transparent to name reading.
QUOTES = frozenset('"\'«»“”‘’″„`')
# The same marks as one string, for str.strip and (escaped) regex character classes.
QUOTE_CHARS = "".join(sorted(QUOTES))
# Marks that open a quotation: a quoted phrase may stand where a noun phrase is expected.
OPEN_QUOTES = frozenset('"«“„')
# The Arabic and the Latin comma: list separators, and the edges of an inserted clause.
COMMAS = frozenset("،,")
# Punctuation that ends a clause: a trigger and the victims it counts never lie on both sides of one.
CLAUSE_STOPS = frozenset("،,:;؛()[].!?؟-–—")
ARTICLE = "ال"
# Conjunctions (و ف), prepositions (ب ك ل) and their combinations, longest first.
PROCLITICS: tuple[str, ...] = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
PROCLITIC_SET = frozenset(PROCLITICS)
# Prefixes that may stand before the "لل" spelling of ل + ال ("وللنظام", "فللمعارضة").
LAM_LEAD = ("", "و", "ف")
ENCLITICS: tuple[str, ...] = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")
MIN_STEM = 2


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    """One way to read a word: ``prefix_len`` surface characters of proclitics, then ``stem``.

    ``stem`` may differ from the rest of the surface word only by the alef restored after "لل".
    """

    prefix_len: int
    stem: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and punctuation marks of normalised ``text`` (between ``start`` and ``end``)."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]


def is_word(token: str) -> bool:
    return WORD.fullmatch(token) is not None


def proclitic_readings(word: str) -> list[Reading]:
    """All plausible splits of ``word`` into proclitics and a stem, the bare word first."""
    readings = [Reading(0, word)]
    for lead in LAM_LEAD:
        lam = lead + "لل"
        if word.startswith(lam) and len(word) - len(lam) >= MIN_STEM:
            readings.append(Reading(len(lead) + 1, ARTICLE + word[len(lam):]))
    for prefix in PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            readings.append(Reading(len(prefix), word[len(prefix):]))
    return readings


def enclitic_readings(word: str) -> list[tuple[str, str]]:
    """Splits of ``word`` into a stem and a pronoun suffix, the bare word first."""
    out = [(word, "")]
    for suffix in ENCLITICS:
        if word.endswith(suffix) and len(word) - len(suffix) > MIN_STEM:
            out.append((word[: -len(suffix)], suffix))
    return out


@lru_cache(maxsize=1 << 16)
def find_stem(word: str, lexicon: frozenset[str], enclitics: bool = False) -> Reading | None:
    """The first reading of ``word`` whose stem (optionally without a pronoun suffix) is in ``lexicon``.

    Cached: the same few thousand words are looked up in the same few lexicons all the time.
    """
    for reading in proclitic_readings(word):
        if reading.stem in lexicon:
            return reading
        if enclitics:
            for stem, _suffix in enclitic_readings(reading.stem)[1:]:
                if stem in lexicon:
                    return Reading(reading.prefix_len, stem)
    return None


def valid_prefix(prefix: str, lam_variant: bool = False) -> bool:
    """Whether ``prefix`` (the part of a word before a dictionary match) is a run of proclitics.

    A ``lam_variant`` match is the "لل" spelling: only ل (and و/ف before it) may precede its article ل.
    """
    if lam_variant:
        return prefix in ("ل", "ول", "فل")
    return prefix == "" or prefix in PROCLITIC_SET
