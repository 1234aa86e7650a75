"""Named persons introduced by a title or role ("الناطق باسم فيلق الرحمن وائل علوان").

After the trigger comes a complement — dictionary mentions (the organisation, a place), definite
words ("الدفاع", "الأميركي"), nouns and adjectives that cannot be names — and then the name: two to
four name-like words, where a word with the article may only follow a particle ("عبد الرحمن") or
close the name ("محمد الشامي"). Weak triggers ("رئيس", "مدير") need the name to start with a known
given name or a particle; strong ones ("الناشط", "المتحدث باسم", military ranks) do not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pipelines.lib.arabic.tokenize import ARTICLE, find_stem, is_word, proclitic_readings
from pipelines.lib.extract.spans import SpanIndex, tokens_after
from pipelines.lib.reference.person_roles import PersonRoles

MAX_COMPLEMENT = 8
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
COMMAS = ("،", ",")


@dataclass(frozen=True)
class PersonHit:
    start: int
    end: int
    name: str                  # matching form
    parent_id: str | None      # the organisation named in the complement, if any


def person_id(name_norm: str) -> str:
    return "person:" + hashlib.sha1(name_norm.encode("utf-8")).hexdigest()[:12]


def _bare(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` or its stem after proclitics is in ``lexicon``."""
    return find_stem(word, lexicon) is not None


def _definite(word: str) -> bool:
    """The word carries the article, possibly after proclitics ("الباحث", "والباحث")."""
    return any(r.stem.startswith(ARTICLE) for r in proclitic_readings(word))


def _name_like(word: str, roles: PersonRoles) -> bool:
    if not is_word(word) or word.isdigit() or len(word) < 2:
        return False
    return not (_bare(word, roles.name_stopwords) or _bare(word, roles.clause_breaks))


def find_person(norm: str, pos: int, spans: SpanIndex, roles: PersonRoles, strong: bool) -> PersonHit | None:
    """The person named after a trigger ending at ``pos``, if the words there read as a name."""
    parent: str | None = None
    skipped = commas = 0
    name: list[tuple[str, int, int]] = []
    skip_until = pos
    for word, start, end in tokens_after(norm, pos, MAX_COMPLEMENT + MAX_NAME_WORDS + 4):
        if start < skip_until:
            continue
        span = spans.covering(start) or spans.covering(end - 1)
        if span is not None:
            if span.person or name:
                break
            if span.actor_ids:
                parent = span.actor_ids[0]
            skip_until = span.end
            skipped += 1
            continue
        if not is_word(word):
            if word in COMMAS and not name and commas == 0:
                commas += 1
                continue
            break
        if _bare(word, roles.clause_breaks):
            break
        if not name:
            if _name_like(word, roles) and not _definite(word):
                name.append((word, start, end))
                continue
            skipped += 1
            if skipped > MAX_COMPLEMENT:
                return None
            continue
        if len(name) >= MAX_NAME_WORDS or not _name_like(word, roles):
            break
        after_particle = name[-1][0] in roles.name_particles
        if word.startswith(ARTICLE) and not after_particle:
            name.append((word, start, end))
            break
        name.append((word, start, end))
    while name and name[-1][0] in roles.name_particles:
        name.pop()
    if len(name) < MIN_NAME_WORDS:
        return None
    first = name[0][0]
    if not strong and first not in roles.given_names and first not in roles.name_particles:
        return None
    text = " ".join(w for w, _, _ in name)
    return PersonHit(name[0][1], name[-1][2], text, parent)
