"""Places the gazetteer lacks, found from the word that introduces them ("بلدة الكحيل", "سد برادون").

The name is one word, two when the first opens a compound ("دير", "تل", "كفر" ...), plus one
qualifier that belongs to names ("الشرقية", "الكبرى", "العسكري"). Dual and plural place words take
a list ("بلدتي عربين وزملكا", "قرى X وY وZ"). A following "بريف X" / "في محافظة X" ties the place to
a governorate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pipelines.lib.arabic.tokenize import ARTICLE, COMMAS, QUOTES, find_stem, is_word
from pipelines.lib.extract.spans import SpanIndex, tokens_after
from pipelines.lib.reference.gazetteer import DETECTED_PLACE_PREFIX
from pipelines.lib.reference.place_words import PlaceLexicon

MAX_LIST = 8
MIN_NAME = 3
MAX_QUOTED_WORDS = 4
# Area words ("منطقة") are often followed by a verb ("منطقة يسيطر عليها", "منطقة تمتد"), never by a name
# the gazetteer lacks that starts like an imperfect verb.
_VERB_LEAD = ("ي", "ت")
# Dual and plural endings of adjectives ("المتاخمتين"): not the second word of a name.
_AGREEING_ENDINGS = ("تين", "تان", "ون")
# Place words whose own name is a new place even when a known place follows: "مطار حماة", "سد الرستن".
FACILITY_KINDS = frozenset({"airport", "dam", "oil_field", "gas_field", "crossing", "prison", "camp", "military_base"})
ADMIN_WORDS = frozenset({"ريف", "محافظة", "ريفي"})
# Pronoun suffixes a place name never carries ("بلدات تسكنها" is a verb).
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن")


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    name: str                        # matching form of the surface
    kind: str
    inner: tuple[int, int] | None    # a known place inside the name ("مطار حماة"), to be replaced
    admin_location_id: str | None    # the governorate/countryside named by "بريف X" / "في محافظة X"


def place_id(name_norm: str, admin_location_id: str | None) -> str:
    key = f"{name_norm}|{admin_location_id or ''}"
    return DETECTED_PLACE_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _indefinite_adjective(word: str) -> bool:
    """An indefinite nisba adjective ("حدودية", "سكني") — what follows "منطقة" more often than a name."""
    return not word.startswith(ARTICLE) and (word.endswith("يه") or word.endswith("ي"))


def _name_word(word: str, lexicon: PlaceLexicon) -> bool:
    return (
        is_word(word) and not word.isdigit() and len(word) >= MIN_NAME
        and find_stem(word, lexicon.not_names) is None and find_stem(word, lexicon.word_forms) is None
    )


def _read_name(tokens, i: int, lexicon: PlaceLexicon, spans: SpanIndex):
    """The name starting at token ``i``: (start, end, next index) or None.

    One word, or two when the first opens a compound ("دير حافر"); then a qualifier ("الشرقية"), or a
    second word with the article when the name clearly ends there ("سليمان الحلبي،").
    """
    word, start, end = tokens[i]
    if (spans.covering(start) is not None or not _name_word(word, lexicon) or _indefinite_adjective(word)
            or word.endswith(_PRONOUN_ENDINGS)):
        return None
    j = i + 1
    if word in lexicon.name_prefixes:
        if j >= len(tokens) or spans.covering(tokens[j][1]) is not None or not _name_word(tokens[j][0], lexicon):
            return None
        end = tokens[j][2]
        j += 1
    if j < len(tokens) and spans.covering(tokens[j][1]) is None:
        nxt = tokens[j][0]
        if nxt in lexicon.name_suffixes:
            end = tokens[j][2]
            j += 1
        elif (j == i + 1 and nxt.startswith(ARTICLE) and _name_word(nxt, lexicon)
              and not nxt.endswith(_AGREEING_ENDINGS)
              and (j + 1 == len(tokens) or _list_may_follow(tokens[j + 1], lexicon, spans))):
            end = tokens[j][2]
            j += 1
    return start, end, j


def _admin(tokens, i: int, spans: SpanIndex, governorate_of: dict[str, str]) -> str | None:
    """A governorate named right after the place: "بريف حماة", "في ريف إدلب", "في محافظة درعا"."""
    for word, start, _ in tokens[i:i + 3]:
        span = spans.covering(start)
        if span is not None:
            for loc in span.location_ids:
                if loc in governorate_of:
                    return governorate_of[loc]
            return None
        if find_stem(word, ADMIN_WORDS) is None and word not in ("في", "من"):
            return None
    return None


def _list_may_follow(token, lexicon: PlaceLexicon, spans: SpanIndex) -> bool:
    """What may come after a list item: punctuation, the next item ("وX"), a known place, or a
    locative word — not a noun that shows the "item" was a word of the sentence ("وإحكام السيطرة")."""
    word, start, _ = token
    if not is_word(word) or spans.covering(start) is not None:
        return True
    if word.startswith("و") and not word.startswith("وال"):
        return True
    return find_stem(word, lexicon.location_cues, True) is not None


def _read_list(tokens, lexicon: PlaceLexicon, spans: SpanIndex, limit: int) -> tuple[list[tuple[int, int]], int]:
    """Names of a list after a dual/plural place word: "X وY", "X، Y وZ"; known places may sit in it.

    Items after the first are joined by "و" or a comma; an item followed by a definite noun that is
    not a name qualifier ("وإحكام السيطرة") ends the list without it.
    """
    names: list[tuple[int, int]] = []
    items = i = 0
    joined = True
    while i < len(tokens) and items < limit:
        tok, start, end = tokens[i]
        if items and tok in COMMAS:
            joined = True
            i += 1
            continue
        if items:
            if tok.startswith("و") and len(tok) > 2:
                tok, start, joined = tok[1:], start + 1, True
            if not joined:
                break
        elif tok.startswith("و"):
            break  # a list does not open with "and": "بلدات وقرى ومواقع"
        joined = False
        known = spans.overlapping(start, end)
        if known:
            if not known[0].location_ids or known[0].start != start:
                break
            items += 1
            while i < len(tokens) and tokens[i][1] < known[-1].end:
                i += 1
            continue
        read = _read_name([(tok, start, end), *tokens[i + 1:]], 0, lexicon, spans)
        if read is None:
            break
        nxt = i + read[2]
        if items and nxt < len(tokens) and not _list_may_follow(tokens[nxt], lexicon, spans):
            break
        names.append((read[0], read[1]))
        items += 1
        i = nxt
    return names, i


def _quoted_name(norm: str, pos: int, spans: SpanIndex, lexicon: PlaceLexicon) -> tuple[int, int] | None:
    """A name in quotation marks right after the place word ("قرية "بردة"", "تلة "جورة الماء""):
    its span inside the quotes, if it is one to four words and not a known place."""
    i = pos
    while i < len(norm) and norm[i] == " ":
        i += 1
    if i >= len(norm) or norm[i] not in QUOTES:
        return None
    close = next((j for j in range(i + 1, min(len(norm), i + 60)) if norm[j] in QUOTES or norm[j] == "\n"), None)
    if close is None or norm[close] == "\n":
        return None
    words = norm[i + 1:close].split()
    if not 1 <= len(words) <= MAX_QUOTED_WORDS or spans.overlapping(i + 1, close):
        return None
    if not all(is_word(w) for w in words) or not _name_word(words[0], lexicon):
        return None
    start = i + 1 + (len(norm[i + 1:close]) - len(norm[i + 1:close].lstrip()))
    return start, start + len(" ".join(words))


def find_places(
    norm: str, pos: int, word: dict, spans: SpanIndex, lexicon: PlaceLexicon, governorate_of: dict[str, str],
    prefix_start: int, kinds: dict[str, str],
) -> list[PlaceHit]:
    """Places introduced by the place word ``word`` (a place-words row) ending at ``pos``.

    ``prefix_start`` is where the place word itself starts (after its proclitics), the start of the
    surface when the word is part of the name; ``kinds`` gives the kind of each known location.
    """
    tokens = tokens_after(norm, pos, 3 * MAX_LIST + 4)
    if not tokens:
        return []
    first = spans.covering(tokens[0][1])
    if first is not None:
        inner_kinds = {kinds.get(loc) for loc in first.location_ids}
        if (word["part_of_name"] and word["kind"] in FACILITY_KINDS and first.location_ids
                and first.start == tokens[0][1] and not inner_kinds & (FACILITY_KINDS | {word["kind"]})):
            admin = _admin(tokens, 1, spans, governorate_of)
            return [PlaceHit(prefix_start, first.end, norm[prefix_start:first.end], word["kind"],
                             (first.start, first.end), admin)]
        if word["count"] == "one":
            return []
    quoted = _quoted_name(norm, pos, spans, lexicon)
    if quoted is not None:
        start, end = quoted
        tokens = tokens_after(norm, end, 6)
        return [PlaceHit(start, end, norm[start:end], word["kind"], None, _admin(tokens, 0, spans, governorate_of))]
    if word["count"] == "one":
        if word["kind"] == "area" and tokens[0][0].startswith(_VERB_LEAD):
            return []
        read = _read_name(tokens, 0, lexicon, spans)
        if read is None:
            return []
        names, i = [(read[0], read[1])], read[2]
    else:
        names, i = _read_list(tokens, lexicon, spans, 2 if word["count"] == "two" else MAX_LIST)
    if not names:
        return []
    admin = _admin(tokens, i, spans, governorate_of)
    out = []
    for s, e in names:
        start = prefix_start if word["part_of_name"] and word["count"] == "one" else s
        out.append(PlaceHit(start, e, norm[start:e], word["kind"], None, admin))
    return out
