"""Claimants as entities: who a claim is credited to, as an ``actors.actor_id``.

A named actor is its own claimant, except a person, who speaks for the organisation above him in the actor
dictionary (``parent_id``: a monitor's director for the monitor, a spokesman for his faction). A generic source
("مصادر طبية", "المصدر", "ناشطون") is one of the reference actors of type ``source``, chosen by its head word and
qualifier (``generic_sources`` in the claim lexicon). Anything else — an unknown name, a stray phrase — has no
claimant.
"""

from __future__ import annotations

import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.claim_lexicon import ClaimLexicon, bare_word

# How many organisations up a person's chain of speakers may go (a spokesman of a unit of a faction).
_MAX_LEVELS = 3


class ClaimantResolver:
    """Maps a claim's source (its actor and its text) to the claimant actor."""

    def __init__(self, lexicon: ClaimLexicon, actors: pl.DataFrame) -> None:
        rows = actors.select("actor_id", "actor_type", "parent_id").iter_rows() if actors.height else []
        self._type: dict[str, str] = {}
        self._parent: dict[str, str] = {}
        for actor_id, actor_type, parent_id in rows:
            self._type[actor_id] = actor_type
            if parent_id:
                self._parent[actor_id] = parent_id
        self._heads: dict[tuple[str, ...], tuple[str, dict[str, str]]] = {}
        for source in lexicon.generic_sources:
            for head in source.heads:
                self._heads[head] = (source.actor_id, dict(source.qualifiers))
        self._longest = max((len(h) for h in self._heads), default=0)

    def resolve(self, actor_id: str | None, text: str | None) -> str | None:
        if actor_id is not None:
            return self._speaks_for(actor_id)
        return self.generic(text) if text else None

    def _speaks_for(self, actor_id: str) -> str:
        for _ in range(_MAX_LEVELS):
            parent = self._parent.get(actor_id)
            if self._type.get(actor_id) != "person" or parent is None or parent not in self._type:
                break
            actor_id = parent
        return actor_id

    def generic(self, text: str) -> str | None:
        """The reference source a generic name stands for ("المصادر الطبية" → unnamed medical sources)."""
        words = [bare_word(w) for w in normalize(text).split()]
        for n in range(min(self._longest, len(words)), 0, -1):
            entry = self._heads.get(tuple(words[:n]))
            if entry is None:
                continue
            actor, qualifiers = entry
            if len(words) > n and (narrower := qualifiers.get(words[n])) is not None and narrower in self._type:
                return narrower
            return actor if actor in self._type else None
        return None
