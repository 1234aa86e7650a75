"""Named persons introduced by a title or role.

Two orders are common in the news:
- role first: "الناطق باسم فيلق الرحمن وائل علوان". After the trigger comes a complement —
  dictionary mentions (the organisation, a place), definite words ("الدفاع", "الأميركي"), nouns and
  adjectives that cannot be names — and then the name: two to four name-like words, where a word
  with the article may only follow a particle ("عبد الرحمن") or close the name ("محمد الشامي").
  Weak triggers ("رئيس", "مدير") need the name to start with a known given name or a particle;
  strong ones ("الناشط", "المتحدث باسم", military ranks) do not.
- name first, after a verb of saying: "وقال اليستير باسكي المتحدث باسم مجلس الأمن القومي".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from pipelines.lib.arabic.tokenize import ARTICLE, COMMAS, QUOTES, find_stem, is_word, proclitic_readings
from pipelines.lib.extract.spans import SpanIndex, tokens_after, tokens_before
from pipelines.lib.reference.actors import DETECTED_PERSON_PREFIX
from pipelines.lib.reference.person_roles import PersonRoles

MAX_COMPLEMENT = 8
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
# Prepositions inside a complement ("مدير المكتب الإعلامي في جيش الإسلام") must lead to a definite word
# or a known name; before an indefinite word ("في رسالة صوتية") the sentence has moved on.
PREPOSITIONS = frozenset({"في", "من", "على", "عن", "لدى", "الى", "مع"})
# Pronoun suffixes a name never carries; a word ending so is a verb or a possessed noun.
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن")


@dataclass(frozen=True)
class PersonHit:
    start: int
    end: int
    name: str                  # matching form
    parent_id: str | None      # the organisation named in the complement, if any


def person_id(name_norm: str) -> str:
    return DETECTED_PERSON_PREFIX + hashlib.sha1(name_norm.encode("utf-8")).hexdigest()[:12]


def _in(word: str, lexicon: frozenset[str]) -> bool:
    """``word``, or its stem after proclitics and without a pronoun suffix, is in ``lexicon``."""
    return find_stem(word, lexicon, True) is not None


def _definite(word: str) -> bool:
    """The word carries the article, possibly after proclitics ("الباحث", "والباحث")."""
    return any(r.stem.startswith(ARTICLE) for r in proclitic_readings(word))


def _name_like(word: str, roles: PersonRoles, maqsura: bool = False) -> bool:
    """Whether ``word`` can be part of a name; ``maqsura``: the display word ends in ى, so "علي" is "على"."""
    if not is_word(word) or word.isdigit() or len(word) < 2:
        return False
    if maqsura and word in roles.name_stopwords:
        return False
    if word in roles.given_names or word in roles.name_particles:
        return True
    if word.endswith("يه") or word.endswith(_PRONOUN_ENDINGS):
        return False
    return not (_in(word, roles.name_stopwords) or _in(word, roles.clause_breaks))


def _first_name_ok(word: str, roles: PersonRoles) -> bool:
    """Whether ``word`` can open a name: not definite, and a leading و only as part of a given name."""
    if _definite(word):
        return False
    return not word.startswith("و") or word in roles.given_names


def _accept(name: list[tuple[str, int, int]], roles: PersonRoles, strong: bool, parent: str | None) -> PersonHit | None:
    while name and name[-1][0] in roles.name_particles:
        name.pop()
    if not MIN_NAME_WORDS <= len(name) <= MAX_NAME_WORDS:
        return None
    first = name[0][0]
    known_start = first in roles.given_names or first in roles.name_particles or first.startswith("عبد")
    if not strong and not known_start:
        return None
    return PersonHit(name[0][1], name[-1][2], " ".join(w for w, _, _ in name), parent)


def _no_maqsura(_: int) -> bool:
    return False


def find_person(
    norm: str, pos: int, spans: SpanIndex, roles: PersonRoles, strong: bool,
    maqsura: Callable[[int], bool] = _no_maqsura,
) -> PersonHit | None:
    """The person named after a trigger ending at ``pos``, if the words there read as a name.

    ``maqsura(i)`` tells whether normalised character ``i`` is written ى in the display text: matching
    form spells the preposition "على" like the given name "علي".
    """
    parent: str | None = None
    skipped = commas = 0
    name: list[tuple[str, int, int]] = []
    skip_until = pos
    tokens = tokens_after(norm, pos, MAX_COMPLEMENT + MAX_NAME_WORDS + 4, keep_quotes=True)
    if tokens and tokens[0][0].isdigit():
        return None  # "اللواء 52" is a brigade, not a general
    for i, (word, start, end) in enumerate(tokens):
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
            if word in QUOTES and not name:
                continue  # quotes around the organisation: "المتحدث باسم "حركة أحرار الشام" منذر فارس"
            if word in COMMAS and not name and commas == 0:
                commas += 1
                continue
            break
        if _in(word, roles.clause_breaks):
            break
        like = _name_like(word, roles, maqsura(end - 1))
        if not name:
            if like and _first_name_ok(word, roles):
                name.append((word, start, end))
                continue
            if not like or _definite(word):
                if word in PREPOSITIONS:
                    nxt = next((t for t in tokens[i + 1:] if t[0] not in QUOTES), None)
                    if nxt is None or not (_definite(nxt[0]) or spans.covering(nxt[1]) or spans.covering(nxt[2] - 1)):
                        return None
                skipped += 1
                if skipped > MAX_COMPLEMENT:
                    return None
                continue
            return None
        if len(name) >= MAX_NAME_WORDS or not like or word.startswith("و"):
            break
        if _definite(word) and name[-1][0] not in roles.name_particles:
            if not _family_name(word):
                break
            name.append((word, start, end))
            break
        name.append((word, start, end))
    return _accept(name, roles, strong, parent)


def _family_name(word: str) -> bool:
    """A definite word that can close a name ("الشامي", "العايد") rather than be a verbal noun that
    starts the next clause ("جون كيربي التعليق": التعليق is "commenting")."""
    if word.endswith("ي"):
        return True
    return not (len(word) >= 7 and (word.startswith("الت") or word.startswith("الا")))


def find_person_before(
    norm: str, pos: int, spans: SpanIndex, roles: PersonRoles, maqsura: Callable[[int], bool] = _no_maqsura,
) -> PersonHit | None:
    """The person named between a verb of saying and a trigger starting at ``pos``:
    "وقال حسين أبازيد مدير المكتب الإعلامي ..."."""
    triggers = roles.trigger_words
    tokens = tokens_before(norm, pos, MAX_NAME_WORDS + 2, keep_quotes=True)
    if tokens and tokens[-1][0] in COMMAS:
        tokens = tokens[:-1]
    name: list[tuple[str, int, int]] = []
    quoted = False  # the name stood in quotes ("وأكد "منير ذكي" قائد ..."): only the verb may come next
    for word, start, end in reversed(tokens):
        if word in QUOTES:
            if name:
                quoted = True
            continue
        if spans.covering(start) is not None or spans.covering(end - 1) is not None:
            return None
        if _in(word, roles.saying_verbs):
            break
        if (quoted or not _name_like(word, roles, maqsura(end - 1)) or len(name) == MAX_NAME_WORDS
                or _in(word, triggers)):
            return None
        name.insert(0, (word, start, end))
    else:
        return None
    if not name or name[0][0].startswith("و") and name[0][0] not in roles.given_names:
        return None
    if len(name) > 1 and _definite(name[0][0]) and _definite(name[1][0]):
        return None  # "قال المسؤول الأمريكي ..." is a description; "اليستير باسكي" only looks definite
    # Inside the name only the last word (or one after a particle) may carry the article.
    if any(_definite(w) and name[i - 1][0] not in roles.name_particles and i != len(name) - 1
           for i, (w, _, _) in enumerate(name) if i > 0):
        return None
    return _accept(name, roles, True, None)
