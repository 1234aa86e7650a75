"""Spelling variants of a dictionary alias, so one entry matches the ways the press writes it.

General rules of Arabic orthography live here; the word list of interchangeable spellings
("سوريا/سورية", "أمريكي/أميركي") is data (``seeds/reference/spelling_variants.csv``).
Everything works on the matching form (``normalize``), where أ/إ/آ are already ا.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_VARIANTS = 64

# The "five nouns" decline in the vowel they end with: أبو/أبي/أبا, ذو/ذي/ذا.
_FIVE_NOUNS = (("ابو", "ابي", "ابا"), ("ذو", "ذي", "ذا"))
# "عبد الله" and "عبدالله", "عبد الرحمن" and "عبدالرحمن" are the same name.
_ABD_SPACED = re.compile(r"\bعبد ال")
_ABD_JOINED = re.compile(r"\bعبدال")


@dataclass(frozen=True)
class SpellingGroup:
    """Interchangeable spellings; ``whole_word`` replaces whole words only, else any substring."""

    forms: tuple[str, ...]
    whole_word: bool


def _replace(text: str, old: str, new: str, whole_word: bool) -> str:
    if whole_word:
        return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
    return text.replace(old, new)


def _contains(text: str, form: str, whole_word: bool) -> bool:
    if whole_word:
        return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None
    return form in text


def alias_variants(alias: str, groups: Iterable[SpellingGroup] = ()) -> set[str]:
    """``alias`` (already normalised) and its spelling variants, at most ``MAX_VARIANTS``."""
    out = {alias}
    rules = [SpellingGroup(forms, True) for forms in _FIVE_NOUNS] + list(groups)
    for group in rules:
        for text in list(out):
            for form in group.forms:
                if _contains(text, form, group.whole_word):
                    for other in group.forms:
                        if other != form and len(out) < MAX_VARIANTS:
                            out.add(_replace(text, form, other, group.whole_word))
    for text in list(out):
        out.add(_ABD_SPACED.sub("عبدال", text))
        out.add(_ABD_JOINED.sub("عبد ال", text))
    return out
