"""Numbers and vague quantities in normalised Arabic text.

Input is text in matching form (see :func:`pipelines.lib.arabic.normalize.normalize`: no diacritics,
ة→ه, ى→ي, hamza seats folded, ASCII digits). :func:`find_quantities` returns every quantity with its
span and its reading as a range: "55" → 55..55, "على الأقل 10" → 10..None, "نحو 40" → 40..40,
"عشرات" → 20..99 (vague), "عدد من" → None..None (unquantified).

Cardinal words are read by a small grammar rather than a lookup of whole phrases, so that every
gender/case form combines: units and teens ("ثلاثة عشر"), tens joined by و ("خمسة وعشرين"), hundreds
written in one or two words ("ثلاثمئة", "ثلاث مئة", "مائتان"), and scales that multiply what precedes
them ("340 ألف", "مئة ألف", "1.5 مليون", "240 ألفا و381").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.extract.wordtrie import trie_alternation

# --- vocabulary ---------------------------------------------------------------------------------------
# Written as Arabic is spelled; every form is passed through ``normalize`` below, so the tables match the
# normalised text whatever the folding rules (hamza seats, ta marbuta, alef maqsura) turn them into.

_UNITS = {
    1: ("واحد", "واحدة", "واحداً", "أحد", "إحدى"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "ثنتان", "ثنتين"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
}
_TEN = ("عشر", "عشرة")
_TENS = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}
_HUNDRED = ("مئة", "مائة")
_TWO_HUNDRED = ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي")
# "ثلاثمئة" in one word: the unit prefixes that fuse with مئة/مائة.
_HUNDREDS_FUSED = {3: ("ثلاث",), 4: ("أربع",), 5: ("خمس",), 6: ("ست",), 7: ("سبع",), 8: ("ثمان", "ثماني"),
                   9: ("تسع",)}
_SCALES = {
    1000: ("ألف", "ألفاً", "آلاف"),
    1_000_000: ("مليون", "مليوناً", "ملايين"),
    1_000_000_000: ("مليار", "ملياراً", "مليارات"),
}
# Dual of a scale: a number by itself ("ألفين" = 2000, "مليوني سوري" = 2 000 000).
_SCALE_DUALS = {
    1000: ("ألفان", "ألفين", "ألفي"),
    1_000_000: ("مليونان", "مليونين", "مليوني"),
    1_000_000_000: ("ملياران", "مليارين", "ملياري"),
}
_PLURAL_SCALES = ("آلاف", "ملايين", "مليارات")
# Fractions of a scale: "نصف مليون" = 500 000, "ربع مليون" = 250 000, "مليون ونصف" = 1 500 000.
_FRACTIONS = {0.5: ("نصف",), 0.25: ("ربع",)}


def _n(forms: Collection[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize(f) for f in forms))


def _build_word_table() -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for value, forms in _UNITS.items():
        table.update({f: ("unit", value) for f in _n(forms)})
    table.update({f: ("ten", 10) for f in _n(_TEN)})
    for value, forms in _TENS.items():
        table.update({f: ("tens", value) for f in _n(forms)})
    table.update({f: ("hundred", 100) for f in _n(_HUNDRED)})
    table.update({f: ("hundreds", 200) for f in _n(_TWO_HUNDRED)})
    for value, prefixes in _HUNDREDS_FUSED.items():
        for prefix in prefixes:
            table.update({f: ("hundreds", value * 100) for f in _n([prefix + h for h in _HUNDRED])})
    for value, forms in _SCALES.items():
        table.update({f: ("scale", value) for f in _n(forms)})
    for value, forms in _SCALE_DUALS.items():
        table.update({f: ("scale_dual", value) for f in _n(forms)})
    for value, forms in _FRACTIONS.items():
        table.update({f: ("fraction", value) for f in _n(forms)})
    return table


_WORDS = _build_word_table()

# Vague quantities: a plural of a power of ten means "some tens/hundreds/thousands of".
_VAGUE = {
    normalize(k): v
    for k, v in {
        "عشرات": (20, 99),
        "مئات": (200, 999),
        "آلاف": (2000, 9999),
        "ملايين": (2_000_000, 9_999_999),
        "عشرات آلاف": (20_000, 99_999),
        "مئات آلاف": (200_000, 999_999),
        "بضع": (3, 9),
        "بضعة": (3, 9),
        # "A few" of a vague plural is that plural's range ("بضع عشرات" = some tens, not 3-9).
        "بضع عشرات": (20, 99),
        "بضعة عشرات": (20, 99),
        "بضع مئات": (200, 999),
        "بضعة مئات": (200, 999),
        "بضعة آلاف": (2000, 9999),
        "بضع آلاف": (2000, 9999),
    }.items()
}
_VAGUE_WORDS = {w for key in _VAGUE for w in key.split()}
# Expressions that say "some" without any number at all.
_UNQUANTIFIED = _n((
    "عدد كبير من", "عدداً كبيراً من", "عدد من", "عدداً من", "أعداد كبيرة من", "أعداداً كبيرة من", "أعداد من",
    "العديد من", "عديد من", "الكثير من", "كثير من", "الكثيرين من", "عدة", "بعض",
    # A large toll told without its number: "حصيلة كبرى من القتلى", "رقماً عالياً من الجرحى".
    "حصيلة كبيرة من", "حصيلة كبرى من", "حصيلة ثقيلة من", "حصيلة مرتفعة من", "رقم كبير من", "رقماً كبيراً من",
    "رقم عال من", "رقماً عالياً من", "رقم مرتفع من", "رقماً مرتفعاً من",
))
# Qualifiers in front of a number, by the range they give it.
_LOWER = _n((
    "على الأقل", "ما لا يقل عن", "ما لا يقل على", "لا يقل عن", "أكثر من", "ما يزيد عن", "ما يزيد على",
    "يزيد عن", "يزيد على", "ما يربو على", "يربو على", "أزيد من", "ما يفوق", "يفوق", "يتجاوز", "تجاوز", "فوق",
))
_ABOUT = _n(("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "يقارب", "ما يناهز", "يناهز", "تقريباً"))
_UPPER = _n(("أقل من", "ما دون", "ما يقل عن"))
_TRAILING_LOWER = _n(("على الأقل",))
_TRAILING_ABOUT = _n(("تقريباً",))
_PERCENT_WORDS = _n(("%", "٪", "بالمئة", "بالمائة", "في المئة", "في المائة"))

# --- regexes --------------------------------------------------------------------------------------------


def _alt(words: Collection[str]) -> str:
    """One of ``words``, longest first (as a trie: see ``wordtrie``)."""
    return trie_alternation(words)


# A proclitic particle glued to the first word: و ف ب ل ك and their pairs ("وب", "ول", "فب").
_PROCLITIC = r"(?:[وف]?[بلك]|[وف])?"
_DIGITS = r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?"
_WORD_NUM = rf"(?:{_alt(_WORDS)})"
_TOKEN = rf"(?:{_DIGITS}|{_WORD_NUM})"
# A plural scale ("آلاف", "ملايين") cannot open a number: alone it is a vague quantity.
_FIRST_TOKEN = rf"(?:{_DIGITS}|(?!(?:{_alt(_n(_PLURAL_SCALES))})(?!\w)){_WORD_NUM})"
# A number: tokens joined by a space or by " و" (the parser below decides how much of it is one number).
_NUMBER = rf"{_FIRST_TOKEN}(?:(?: و ?| ){_TOKEN})*"
# Each word of a vague quantity may carry the article: "العشرات", "عشرات الآلاف", "مئات الآلاف".
_VAGUE_RE = "|".join(
    " ".join(f"(?:ال)?{re.escape(w)}" for w in key.split()) for key in sorted(_VAGUE, key=len, reverse=True)
)
_QUAL_BEFORE = rf"(?:{_alt(_LOWER + _ABOUT + _UPPER)})"
_PERCENT = rf" ?(?:{_alt(_PERCENT_WORDS)})"

_QUANTITY = re.compile(
    rf"(?<![\w.,٬٫])(?P<pre>{_PROCLITIC}(?P<qual>{_QUAL_BEFORE}) (?:{_QUAL_BEFORE} )?)?"
    rf"(?P<range>(?:ما )?بين )?(?P<lead>{_PROCLITIC}(?:ال(?=\d))?)"
    rf"(?:(?P<num>{_NUMBER})|(?P<vague>{_VAGUE_RE})|(?P<unq>{_alt(_UNQUANTIFIED)}))"
    rf"(?![\w])"
)
# Every quantity holds a digit or one of these words, at most _REACH characters after the quantity starts
# (particles, two qualifiers, "ما بين", the article): ``find_quantities`` searches only from there.
# The words of number, vague and unquantified quantities: a caller that finds them with other words in one pass
# (see ``wordtrie.WordAnchors``) hands their starts to ``find_quantities``.
ANCHOR_WORDS = frozenset(set(_WORDS) | _VAGUE_WORDS | set(_UNQUANTIFIED))
_ANCHOR_WORD_STARTS = re.compile(rf"(?=(?:{_alt(ANCHOR_WORDS)}))")   # every start, overlapping ones too
# What may open a quantity before the word of its number: a qualifier, or the "(ما) بين" of a range (behind at most
# two particles). Any other quantity starts at most 4 characters (particles, the article) before its number.
OPENING_WORDS = frozenset((*_LOWER, *_ABOUT, *_UPPER, "ما بين", "بين"))
_OPENING_STARTS = re.compile(rf"(?=(?:{_alt(OPENING_WORDS)}))")
_REACH = 2 + 2 * (max(map(len, _LOWER + _ABOUT + _UPPER)) + 1) + len("ما بين ") + 2 + 2 * len("ال")
# The first quantity that starts in the ``_REACH`` characters from where it is matched (group "q"); a lazy prefix
# tries each start in order, as a search would, but stops there.
_QUANTITY_NEAR = re.compile(rf"(?s:.){{0,{_REACH}}}?(?P<q>{_QUANTITY.pattern})")
# What may stand between the start of a word and a number or vague word in it: particles and the article.
_LEAD = re.compile(r"(?<!\w)[وفبلك]{0,2}(?:ال)?\Z")
_PERCENT_AT = re.compile(_PERCENT + r"(?!\w)")
_TRAIL_AT = re.compile(rf" (?P<trail>{_alt(_TRAILING_LOWER + _TRAILING_ABOUT)})(?!\w)")
# The second end of a range: "بين 20 و30", "ما بين 20 إلى 30".
_RANGE_JOIN = re.compile(r" و ?| (?:الي|حتي) ")
# An alternative count is a range too: "20 أو 30 قتيلاً", "عشرين أو ثلاثين".
_ALTERNATIVE = re.compile(r" او ")
# A run of digits: where one starts a number may open (one after another digit never opens a word), and a digit
# glued to a letter ("و100جريح", "أكثر من350 ألف"); what may be glued in front of a number without being a word
# of its own is _LEAD: particles and the article ("و100", "بـ20", "ال3"). Searched for whole runs rather than
# for a digit after no digit: ``re`` cannot scan ahead for a pattern that opens with a look-behind.
_DIGIT_RUN = re.compile(r"\d+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_TOKENS = re.compile(rf"{_DIGITS}|\w+")
_DIGITS_FULL = re.compile(_DIGITS)


@dataclass(frozen=True)
class Quantity:
    """A quantity in normalised text.

    ``start``/``end`` cover the whole expression (qualifier included); ``num_start`` is where the
    number or vague word itself begins. ``qualifier`` is one of at_least, about, at_most, range or None.
    ``kind`` is exact, vague, unquantified or percent (percentages are found so that callers can skip them).
    """

    start: int
    end: int
    num_start: int
    count_low: int | None
    count_high: int | None
    quantified: bool
    qualifier: str | None
    kind: str
    text: str


_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _digits_value(tok: str, before_scale: bool) -> float:
    """Digits with separators: "1,500" and "٢٤٠٬٣٨١" group thousands, "1.5" and "١٫٥" are decimals; "1.500"
    before no scale word groups thousands too (a head count is a whole number), but "1.5 مليون" does not."""
    tok = tok.replace("٫", ".").replace("٬", ",").replace(",", "")
    if not before_scale and _DOTTED_THOUSANDS.fullmatch(tok):
        tok = tok.replace(".", "")
    return float(tok)


def parse_number(text: str) -> tuple[int, int] | None:
    """Value of the number at the start of ``text`` (digits and/or words) and how many characters it uses.

    Returns None when ``text`` does not start with a number. Joining by "و" continues the number only
    when the next part is smaller than what it joins ("ألف ومئتان", "240 ألفا و381") or is the tens after
    a unit ("خمسة وعشرين"); "3 و4" stops after 3.
    """
    total = 0.0     # completed groups: what the last scale word multiplied
    group = 0.0     # the group being built below the next scale
    last = 0.0      # size of the last part, which a part joined by "و" must stay under
    prev: str | None = None
    pos = consumed = 0
    # Where a part joined by "و" after a scale began: "350 ألف و500 ألف" are two numbers (a range's ends), since the
    # joined part reaches the same scale again; "مليون و200 ألف" is one.
    checkpoint: tuple[float, int, float] | None = None   # (total so far, characters used, the scale joined after)
    while True:
        if prev is None:
            sep, joined = 0, False
        elif text.startswith(" و ", pos):
            sep, joined = 3, True
        elif text.startswith(" و", pos):
            sep, joined = 2, True
        elif text.startswith(" ", pos):
            sep, joined = 1, False
        else:
            break
        m = _TOKENS.match(text, pos + sep)
        if m is None:
            break
        tok = m.group(0)
        if _DIGITS_FULL.fullmatch(tok):
            nxt = _TOKENS.match(text, m.end() + 1) if text.startswith(" ", m.end()) else None
            before_scale = nxt is not None and _WORDS.get(nxt.group(0), ("",))[0] == "scale"
            kind, value = "digits", _digits_value(tok, before_scale)
        elif tok in _WORDS:
            kind, value = _WORDS[tok]
        else:
            break
        if not _continues(prev, kind, value, joined, group, last):
            break
        if joined and prev in ("scale", "scale_dual"):
            checkpoint = (total + group, consumed, last)
        elif kind in ("scale", "scale_dual") and checkpoint is not None and value >= checkpoint[2]:
            return int(round(checkpoint[0])), checkpoint[1]
        if kind == "fraction" and prev in ("scale", "scale_dual"):
            total += value * last  # "مليون ونصف": half of the scale just read
            group, last = 0, value * last
        elif kind == "scale":
            total += (group or 1) * value
            group, last = 0, value
        elif kind == "scale_dual":
            total += 2 * value
            group, last = 0, value
        elif kind == "hundred" and prev == "unit" and not joined:
            group, last = group * 100, 100
        elif kind in ("hundred", "hundreds"):
            group, last = group + value, 100
        else:
            group, last = group + value, value
        prev = kind
        pos = consumed = m.end()
    if prev is None or (prev == "fraction" and total == 0):
        return None  # "نصف السكان" is no number: a fraction counts only with its scale
    return int(round(total + group)), consumed


def _continues(prev: str | None, kind: str, value: float, joined: bool, group: float, last: float) -> bool:
    """Whether a token read after ``prev`` still belongs to the same number."""
    if prev is None:
        return True
    if kind == "fraction":
        return joined and prev in ("scale", "scale_dual")
    if prev == "fraction":
        return kind == "scale" and not joined and group < 1
    if joined:
        if prev in ("scale", "scale_dual", "hundred", "hundreds"):
            return kind not in ("scale", "scale_dual", "ten") and value < last
        return prev == "unit" and kind == "tens"
    if kind == "ten":
        return prev == "unit" and group < 10
    if kind == "hundred":
        return prev == "unit" and 3 <= group <= 9
    if kind == "scale":
        return prev in ("unit", "ten", "tens", "hundred", "hundreds", "digits")
    return False


def _qualifier(word: str | None) -> str | None:
    if not word:
        return None
    if word in _LOWER:
        return "at_least"
    if word in _ABOUT:
        return "about"
    return "at_most"


def find_quantities(norm: str, word_starts: list[int] | None = None,
                    opening_starts: list[int] | None = None) -> list[Quantity]:
    """Every quantity in ``norm`` (normalised text), left to right, non-overlapping. ``word_starts`` and
    ``opening_starts``: where the words of ``ANCHOR_WORDS`` and of ``OPENING_WORDS`` start in ``norm`` (sorted),
    when the caller has found them already."""
    if word_starts is None:
        word_starts = [m.start() for m in _ANCHOR_WORD_STARTS.finditer(norm)]
    if opening_starts is None:
        opening_starts = [m.start() for m in _OPENING_STARTS.finditer(norm)]
    digits = [m.start() for m in _DIGIT_RUN.finditer(norm)]     # where each run of digits starts
    starts = sorted({*digits, *word_starts}) if digits and word_starts else digits or word_starts
    # After a space a word starts: only an anchor glued to what is before it is checked for its particles.
    anchors = [a for a in starts if not a or norm[a - 1] == " " or _LEAD.search(norm, max(0, a - 4), a)]
    return _find_from(norm, anchors, opening_starts)


def _find_from(norm: str, anchors: list[int], openings: list[int]) -> list[Quantity]:
    """The quantities of ``norm``, left to right: each is the first to start in reach of an anchor (a place where
    a digit or a number word opens a word, after its particles and article) at or after the end of the one
    before. Every quantity starts at most ``_REACH`` characters before its anchor, and more than 4 before it only
    where one of ``OPENING_WORDS`` begins (``openings``), so the pattern is tried only from there (a search would
    try every position of the reach, and run on to the end of the text when nothing is found)."""
    out: list[Quantity] = []
    pos = i = 0
    while True:
        while i < len(anchors) and anchors[i] < pos:
            i += 1
        if i == len(anchors):
            return out
        a = anchors[i]
        lo = max(pos, a - _REACH)
        k = bisect.bisect_left(openings, lo)
        opening = openings[k] - 2 if k < len(openings) and openings[k] < a else a
        lo = max(lo, min(opening, a - 4))
        m = _QUANTITY_NEAR.match(norm, lo)
        if m is None:
            pos = lo + _REACH + 1   # none starts in [lo, lo + _REACH]; anchors up to there are spent
            continue
        q = _read(norm, m)
        if q is None:
            pos = m.end()
            continue
        out.append(q)
        pos = max(q.end, m.start("q") + 1)


def _read(norm: str, m: re.Match[str]) -> Quantity | None:
    start = m.start("q")
    qualifier = _qualifier(m.group("qual"))
    if qualifier and m.group("lead").startswith("و"):
        # "30 قتيلاً على الأقل ومئة جريح": the qualifier closes the phrase before, not this number.
        start = m.start("range") if m.group("range") else m.start("lead")
        qualifier = None
    if m.group("unq"):
        return Quantity(start, m.end(), m.start("unq"), None, None, False, qualifier, "unquantified",
                        norm[start:m.end()])
    if m.group("vague"):
        end, qualifier = _trailing(norm, m.end(), qualifier)
        words = [w if w in _VAGUE_WORDS else w.removeprefix("ال") for w in m.group("vague").split()]
        low, high = _VAGUE[" ".join(words)]
        if qualifier == "at_least":
            high = None
        return Quantity(start, end, m.start("vague"), low, high, False, qualifier, "vague", norm[start:end])
    num_start = m.start("num")
    parsed = parse_number(norm[num_start:m.end("num")])
    if parsed is None:
        return None
    low, used = parsed
    end = num_start + used
    high: int | None = low
    join = _RANGE_JOIN.match(norm, end) if m.group("range") else _ALTERNATIVE.match(norm, end)
    if join is not None:
        second = parse_number(norm[join.end():])
        if second is not None and (m.group("range") or second[0] > low):
            high = second[0]
            end = join.end() + second[1]
            qualifier = "range"
            # "بين 30 و40 ألف": the scale written once applies to both ends.
            scale = _WORDS.get(norm[join.end():end].split()[-1], ("", 0))
            if scale[0] == "scale" and low < scale[1]:
                low *= scale[1]
    pct = _PERCENT_AT.match(norm, end)
    if pct:
        return Quantity(start, pct.end(), num_start, low, high, True, qualifier, "percent", norm[start:pct.end()])
    end, qualifier = _trailing(norm, end, qualifier)
    if qualifier == "at_least":
        high = None
    elif qualifier == "at_most":
        # "أقل من 60": a bounded range from zero; a NULL floor would read as "no number given".
        low, high = 0, low
    return Quantity(start, end, num_start, low, high, True, qualifier, "exact", norm[start:end])


def unglue_numbers(norm: str, origin: list[int]) -> tuple[str, list[int]]:
    """``norm`` with a space between a number and a word glued to it ("من350 ألف" → "من 350 ألف", "100جريح" →
    "100 جريح"), and its offset map (each inserted space maps to the character before it). Particles and the
    article glued in front of a number stay ("و100"): the quantity pattern reads them."""
    cuts: list[int] = []
    if _DIGIT_RUN.search(norm) is None:
        return norm, origin
    for m in _DIGIT_RUN.finditer(norm):
        a, b = m.span()
        if a and _ARABIC_LETTER.match(norm, a - 1) and not _LEAD.search(norm, max(0, a - 4), a):
            cuts.append(a)
        if _ARABIC_LETTER.match(norm, b):
            cuts.append(b)
    if not cuts:
        return norm, origin
    parts, offsets, prev = [], [], 0
    for cut in cuts:
        parts += [norm[prev:cut], " "]
        offsets += [*origin[prev:cut], origin[cut - 1]]
        prev = cut
    parts.append(norm[prev:])
    offsets += origin[prev:]
    return "".join(parts), offsets


def _trailing(norm: str, end: int, qualifier: str | None) -> tuple[int, str | None]:
    """A qualifier written after the number ("10 على الأقل") extends the span and sets the range."""
    t = _TRAIL_AT.match(norm, end)
    if not t:
        return end, qualifier
    if t.group("trail") in _TRAILING_LOWER:
        return t.end(), "at_least"
    return t.end(), qualifier or "about"


# --- nouns that carry their own count -------------------------------------------------------------------


def dual_forms(singular: str) -> tuple[str, ...]:
    """Dual forms of a singular noun: "طفل" → طفلان/طفلين; "مواطنه" (ة) → مواطنتان/مواطنتين."""
    stem = singular[:-1] + "ت" if singular.endswith("ه") else singular
    return (stem + "ان", stem + "ين")


# A dual in construct with a possessive pronoun drops its ن: "طفلاها" (her two children), "جندييه".
DUAL_POSSESSIVE_ENDINGS = ("اه", "اها", "اهم", "اهما", "اهن", "انا", "اكم", "يه", "يها", "يهم", "يهما", "ينا", "يكم")


def noun_count(word: str, singulars: Collection[str], plurals: Collection[str] = ()) -> int | None:
    """Count carried by a noun with no number: 2 for a dual of a known singular, 1 for the singular.

    ``word`` must already be stripped of proclitics and the article. A dual spelled like a listed
    plural ("مدنيين" is both the dual and, far more often, the plural) counts as a plural: None.
    """
    if word in plurals:
        return None
    if word in singulars or (word.endswith("ا") and word[:-1] in singulars):
        return 1
    for s in singulars:
        if word in dual_forms(s):
            return 2
        stem = dual_forms(s)[0][:-2]
        if word.startswith(stem) and word[len(stem):] in DUAL_POSSESSIVE_ENDINGS:
            return 2
    return None
