"""One Aho-Corasick automaton over every dictionary alias, place word and person role, and the scan
that turns its hits into word-aligned matches.

Aliases are in matching form (``normalize``). To make every automaton hit a whole-word match without
checking boundaries in Python, the scan runs over a copy of the text where every non-word character
is a space (a line break stays: names never cross sentences), and each alias is stored as
" <proclitics><alias> " for every run of proclitics (و ف ب ك ل and their pairs): "بريف دمشق" is
found as " بريف دمشق " and reported as "ريف دمشق". An alias starting with the article also gets its
"لل" spellings (" للنظام " = ل + النظام), reported from the article's ل.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.arabic.textmap import code_units, from_code_units
from pipelines.lib.arabic.tokenize import ARTICLE, LAM_LEAD, PROCLITICS
from pipelines.lib.arabic.variants import SpellingGroup, alias_variants

ACTOR = "actor"
LOCATION = "location"
PLACE_WORD = "place_word"
TITLE = "title"
ROLE = "role"
TRIGGER_KINDS = (PLACE_WORD, TITLE, ROLE)
# Conditions, least restrictive first: a key reached by two aliases of one entity keeps the weaker one.
_CONDITION_RANK = {"": 0, "locative": 1, "cue": 2, "anaphor": 3}
_PUNCT = re.compile(r"[^\w\n ]")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str        # ACTOR | LOCATION | PLACE_WORD | TITLE | ROLE
    ref_id: str      # actor_id / location_id / the place word or role phrase itself
    condition: str   # "" | "cue" | "locative" | "anaphor" (entities); "strong" or "" (titles)

    def __reduce__(self):
        # Rebuilt from its fields by the constructor: the dataclass default reads the field list per object,
        # and the built automata (kept under RASD_CACHE) hold thousands of these.
        return Entry, (self.kind, self.ref_id, self.condition)


@dataclass(frozen=True, slots=True)
class Key:
    """What one alias form stands for, split by how the matcher treats it."""

    length: int                      # characters of the alias form (without proclitics)
    actors: tuple[str, ...]          # unconditional actor ids
    locations: tuple[str, ...]       # unconditional location ids
    conditional: tuple[Entry, ...]   # "cue" / "locative" / "anaphor" entries
    trigger: Entry | None            # the place word / title / role this form is, if any

    def __reduce__(self):
        return Key, (self.length, self.actors, self.locations, self.conditional, self.trigger)


# A word-aligned hit in normalised text, as a plain tuple (the scan makes tens of thousands):
# (start, end, prefix_len, key) — ``[start, end)`` excludes the ``prefix_len`` proclitic characters before it.
Match = tuple[int, int, int, Key]


def _trigger(entries: list[Entry]) -> Entry | None:
    rank = {PLACE_WORD: 0, TITLE: 1, ROLE: 2}
    triggers = [e for e in entries if e.kind in rank]
    return min(triggers, key=lambda e: (rank[e.kind], e.condition != "strong")) if triggers else None


@dataclass
class KeyBuilder:
    """Collects alias forms → entries, then freezes them into the automaton."""

    spelling: Iterable[SpellingGroup] = ()
    _forms: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    # (form, entity) pairs whose condition an alias spelled exactly so gave: a spelling variant of another alias
    # never overrides it ("سورية" only after a cue, while "سوريا" and its variant "شمال سورية" stay unconditional).
    _written: set[tuple[str, tuple[str, str]]] = field(default_factory=set)

    def add(self, text: str, entry: Entry, variants: bool = True) -> None:
        """Add ``text`` (any form; normalised here), with its spelling variants unless told not to. Of two
        conditions for one form of one entity the weaker is kept, but one written for the form itself wins
        over one it got as a variant of another alias."""
        base = normalize(text).strip()
        if not base:
            return
        ident = (entry.kind, entry.ref_id)
        for form in alias_variants(base, self.spelling) if variants else {base}:
            slot = self._forms.setdefault(form, {})
            old = slot.get(ident)
            written = (form, ident) in self._written
            if form == base and not written:
                slot[ident] = entry.condition
                self._written.add((form, ident))
            elif written and form != base:
                continue
            elif old is None or _CONDITION_RANK.get(entry.condition, 0) < _CONDITION_RANK.get(old, 0):
                slot[ident] = entry.condition

    def build(self) -> AliasAutomaton:
        keys: list[Key] = []
        records: list[tuple[int, int, int]] = []          # (back, prefix length, key index) per stored value
        groups: dict[str, list[int]] = {}                 # automaton key → its records, in the order added
        for form, slot in self._forms.items():
            entries = [Entry(kind, ref, cond) for (kind, ref), cond in sorted(slot.items())]
            key = Key(
                length=len(form),
                actors=tuple(e.ref_id for e in entries if e.kind == ACTOR and e.condition == ""),
                locations=tuple(e.ref_id for e in entries if e.kind == LOCATION and e.condition == ""),
                conditional=tuple(e for e in entries if e.kind in (ACTOR, LOCATION) and e.condition),
                trigger=_trigger(entries),
            )
            keys.append(key)
            surfaces = [("", form)] + [(p, form) for p in PROCLITICS]
            if form.startswith(ARTICLE) and len(form) > len(ARTICLE) + 1:
                # ل + ال is written "لل": the surface starts at the article's ل.
                surfaces += [(lead + "ل", "ل" + form[len(ARTICLE):]) for lead in LAM_LEAD]
            for prefix, surface in surfaces:
                if prefix.endswith("ل") and surface.startswith(ARTICLE):
                    continue
                # Two aliases can spell the same surface ("ل" + "لبنان" and the "لل" form of an "ال" name).
                # Stored per hit: how far back from the closing space the surface starts, the prefix length, the key.
                groups.setdefault(f" {prefix}{surface} ", []).append(len(records))
                records.append((len(surface) + 1, len(prefix), len(keys) - 1))
        automaton = ahocorasick.Automaton()
        first, count, order = [], [], []
        for group, (ac_key, members) in enumerate(groups.items()):
            automaton.add_word(ac_key, group)
            first.append(len(order))
            count.append(len(members))
            order += members
        automaton.make_automaton()
        table = np.array([records[r] for r in order], dtype=np.int64).reshape(-1, 3)
        return AliasAutomaton(
            automaton=automaton, keys=tuple(keys),
            group_first=np.array(first, dtype=np.int64), group_count=np.array(count, dtype=np.int64),
            back=table[:, 0].copy(), prefix=table[:, 1].copy(), key=table[:, 2].copy(),
            named=np.array([bool(k.actors or k.locations) for k in keys], dtype=bool),
            conditional=np.array([bool(k.conditional) for k in keys], dtype=bool),
            trigger=np.array([k.trigger is not None for k in keys], dtype=bool),
        )


@dataclass(frozen=True)
class AliasAutomaton:
    """The automaton and, as arrays, what its hits stand for.

    Each stored form's value is a plain int (its group of records), so a scan's hits come out of the C
    automaton straight into NumPy without a Python step per hit; a group holds the records of every alias
    that spells that form: how far back from the closing space the surface starts, the prefix length,
    the key."""

    automaton: ahocorasick.Automaton
    keys: tuple[Key, ...]
    group_first: np.ndarray    # per group: its first record
    group_count: np.ndarray    # per group: how many records
    back: np.ndarray           # per record
    prefix: np.ndarray         # per record
    key: np.ndarray            # per record: index into ``keys``
    named: np.ndarray          # per key: it has unconditional actor or location ids
    conditional: np.ndarray    # per key: it has "cue" / "locative" / "anaphor" entries
    trigger: np.ndarray        # per key: it is a place word, title or role


@lru_cache(maxsize=1)
def _blank_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether the scan sees it as a space."""
    return np.array([bool(_PUNCT.match(chr(c))) or c == ord("_") for c in range(0x10000)], dtype=bool)


def boundary_text(norm: str) -> str:
    """``norm`` with every non-word character as a space and one space on each side (same offsets + 1)."""
    codes = code_units(norm)
    if codes.dtype != np.uint16:
        # Beyond the table (emoji and the like): the few distinct punctuation marks are replaced in bulk.
        text = norm
        for ch in set(_PUNCT.findall(norm)) | {"_"}:
            text = text.replace(ch, " ")
        return " " + text + " "
    blanks = np.where(_blank_table()[codes], np.uint16(32), codes)
    return " " + from_code_units(blanks) + " "


@dataclass(frozen=True)
class Hits:
    """Every whole-word hit of a scan, one element per (hit, record), in the automaton's order (by end)."""

    start: np.ndarray     # surface start in the normalised text
    end: np.ndarray       # surface end (exclusive)
    prefix: np.ndarray    # proclitic characters before the surface
    key: np.ndarray       # index into the automaton's keys

    def matches(self, keys: tuple[Key, ...], mask: np.ndarray) -> list[Match]:
        """The hits where ``mask`` holds, as ``Match`` tuples (for the rules read hit by hit)."""
        return [(s, e, p, keys[k]) for s, e, p, k in zip(
            self.start[mask].tolist(), self.end[mask].tolist(), self.prefix[mask].tolist(), self.key[mask].tolist(),
            strict=True)]


def collect(norm: str, automaton: AliasAutomaton) -> Hits:
    """Every whole-word hit in ``norm``: one pass of the C automaton, its (end, group) pairs consumed by NumPy."""
    flat = np.fromiter(chain.from_iterable(automaton.automaton.iter(boundary_text(norm))), dtype=np.int64)
    # The hit " <prefix><surface> " closes at end_index; text index i is norm index i - 1, so the surface ends
    # (exclusive) at norm index end_index - 1.
    end_index, group = flat[0::2], flat[1::2]
    count = automaton.group_count[group]
    record = automaton.group_first[group]
    if len(count) and count.max() > 1:
        # A form several aliases spell: one element per record, in the order they were added.
        hit = np.repeat(np.arange(len(group)), count)
        record = record[hit] + np.arange(len(hit)) - np.repeat(np.cumsum(count) - count, count)
        end_index = end_index[hit]
    return Hits(start=end_index - automaton.back[record], end=end_index - 1, prefix=automaton.prefix[record],
                key=automaton.key[record])
