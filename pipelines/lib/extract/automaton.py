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

import ahocorasick
import numpy as np

from pipelines.lib.arabic.normalize import normalize
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


@dataclass(frozen=True, slots=True)
class Key:
    """What one alias form stands for, split by how the matcher treats it."""

    length: int                      # characters of the alias form (without proclitics)
    actors: tuple[str, ...]          # unconditional actor ids
    locations: tuple[str, ...]       # unconditional location ids
    conditional: tuple[Entry, ...]   # "cue" / "locative" / "anaphor" entries
    trigger: Entry | None            # the place word / title / role this form is, if any


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

    def add(self, text: str, entry: Entry, variants: bool = True) -> None:
        """Add ``text`` (any form; normalised here), with its spelling variants unless told not to."""
        base = normalize(text).strip()
        if not base:
            return
        for form in alias_variants(base, self.spelling) if variants else {base}:
            slot = self._forms.setdefault(form, {})
            ident = (entry.kind, entry.ref_id)
            old = slot.get(ident)
            if old is None or _CONDITION_RANK.get(entry.condition, 0) < _CONDITION_RANK.get(old, 0):
                slot[ident] = entry.condition

    def build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for form, slot in self._forms.items():
            entries = [Entry(kind, ref, cond) for (kind, ref), cond in sorted(slot.items())]
            key = Key(
                length=len(form),
                actors=tuple(e.ref_id for e in entries if e.kind == ACTOR and e.condition == ""),
                locations=tuple(e.ref_id for e in entries if e.kind == LOCATION and e.condition == ""),
                conditional=tuple(e for e in entries if e.kind in (ACTOR, LOCATION) and e.condition),
                trigger=_trigger(entries),
            )
            surfaces = [("", form)] + [(p, form) for p in PROCLITICS]
            if form.startswith(ARTICLE) and len(form) > len(ARTICLE) + 1:
                # ل + ال is written "لل": the surface starts at the article's ل.
                surfaces += [(lead + "ل", "ل" + form[len(ARTICLE):]) for lead in LAM_LEAD]
            for prefix, surface in surfaces:
                if prefix.endswith("ل") and surface.startswith(ARTICLE):
                    continue
                # Two aliases can spell the same surface ("ل" + "لبنان" and the "لل" form of an "ال" name).
                # Stored per hit: how far back from the closing space the surface starts, the prefix length, the key.
                ac_key = f" {prefix}{surface} "
                value = (len(surface) + 1, len(prefix), key)
                hits = automaton.get(ac_key, None)
                if hits is None:
                    automaton.add_word(ac_key, [value])
                else:
                    hits.append(value)
        automaton.make_automaton()
        return automaton


@lru_cache(maxsize=1)
def _blank_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether the scan sees it as a space."""
    return np.array([bool(_PUNCT.match(chr(c))) or c == ord("_") for c in range(0x10000)], dtype=bool)


def boundary_text(norm: str) -> str:
    """``norm`` with every non-word character as a space and one space on each side (same offsets + 1)."""
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
    if len(codes) and codes.max() >= 0x10000:
        # Beyond the table (emoji and the like): the few distinct punctuation marks are replaced in bulk.
        text = norm
        for ch in set(_PUNCT.findall(norm)) | {"_"}:
            text = text.replace(ch, " ")
        return " " + text + " "
    blanks = np.where(_blank_table()[codes], np.uint32(32), codes)
    return " " + blanks.tobytes().decode("utf-32-le") + " "


@dataclass
class Hits:
    """The automaton's hits over a text, sorted the way the matcher uses them."""

    # (-length, start, end, actor ids, location ids) of unconditional names, in order of end position.
    plain: list[tuple[int, int, int, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    conditional: list[tuple[Match, Entry]] = field(default_factory=list)   # "cue" / "locative" / "anaphor"
    triggers: list[Match] = field(default_factory=list)                     # place words, titles, roles


def collect(norm: str, automaton: ahocorasick.Automaton) -> Hits:
    """Every whole-word hit in ``norm``, split by how the matcher treats it (one pass: this is the hot loop)."""
    hits = Hits()
    plain, conditional, triggers = hits.plain, hits.conditional, hits.triggers
    for end_index, values in automaton.iter(boundary_text(norm)):
        # The hit " <prefix><surface> " closes at end_index; text index i is norm index i - 1, so the
        # surface ends (exclusive) at norm index end_index - 1.
        end = end_index - 1
        for back, prefix_len, key in values:
            start = end_index - back
            if key.actors or key.locations:
                plain.append((start - end, start, end, key.actors, key.locations))
            if key.conditional:
                match = (start, end, prefix_len, key)
                conditional.extend((match, entry) for entry in key.conditional)
            if key.trigger is not None:
                triggers.append((start, end, prefix_len, key))
    return hits
