"""An event's date range from its article's date and the time words of its sentence.

The time expression nearest to the claim's phrase in its (normalised) sentence dates the event — basis
``explicit``: a date ("الخميس 4 يونيو/حزيران 2018", "4 حزيران", "التاسع من نيسان"), a month ("في
أبريل/نيسان 2017", "في آذار الماضي"), a year ("عام 2013"); basis ``relative``: a calendar period ("العام
الماضي", "الشهر الماضي"), a weekday ("يوم الثلاثاء": the latest Tuesday on or before the article's date) or
a day relative to the article ("أمس", "الليلة الماضية", "فجر اليوم"). A claim with none takes the article's
window (``default_window_days`` before its date, to its date): basis ``article``. Without an article date
only an expression that names its year dates a claim; otherwise the range is unknown (NULL) — never the
date of the run. A relative word far from the phrase (``RELATIVE_REACH_WORDS``) dates something else.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pipelines.lib.extract.wordtrie import trie_alternation
from pipelines.lib.incidents.time_words import TimeWords

_YEAR = r"(?:19|20)\d\d"
# A month alone dates an event only in a phrase that makes it a time ("في نيسان", "مطلع آذار", "آب الماضي"):
# bare, several month names are also common words ("مارس": practised).
_MONTH_LEAD = r"(?:في|خلال|منذ|مطلع|منتصف|اواخر|اوائل|بدايه|نهايه|شهر)"
_PREFIX = r"(?<!\w)[وفبل]?"
# A word relative to the article dates a claim only this close to its phrase (in words); farther away it
# dates something else the sentence tells (a visit "اليوم السبت", a statement "الأربعاء").
RELATIVE_REACH_WORDS = 15
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EventDate:
    low: date | None
    high: date | None
    basis: str          # explicit | relative | article | unknown (see the module's docstring)
    phrase: str | None  # the time words that dated it (normalised), None for the article's window


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str]
    relative: dict[str, tuple[int, int]]
    calendar: dict[str, str]
    weekdays: dict[str, int]
    months: dict[str, int]
    ordinals: dict[str, int]
    reference: re.Pattern[str]
    report: re.Pattern[str]      # a verb of saying, then up to three words, at the end of the text before a day


@lru_cache(maxsize=4)
def _compile(words: TimeWords) -> _Compiled:
    months = trie_alternation({m for m, _ in words.months})
    month_pair = rf"(?P<{{g}}>{months})(?: ?/ ?(?:{months}))?"
    weekday = trie_alternation({w for w, _ in words.weekdays})
    ordinal = trie_alternation({w for w, _ in words.ordinal_days})
    pattern = re.compile(
        rf"{_PREFIX}(?:"
        rf"(?:(?:يوم )?(?:{weekday}) ?،? )?(?:في )?(?:(?P<day>\d{{1,2}})|(?P<ordinal>{ordinal}))"
        rf" (?:من )?(?:شهر )?{month_pair.format(g='dmonth')}"
        rf"(?: (?:عام |سنه )?(?P<dyear>{_YEAR}))?"
        rf"|(?:{_MONTH_LEAD} |ال)?(?:شهر )?{month_pair.format(g='month')}"
        rf"(?: (?:عام |سنه )?(?P<myear>{_YEAR})| (?P<mlast>الماضي|المنصرم))?"
        rf"|(?:{trie_alternation(set(words.year_words))}) (?P<year>{_YEAR})"
        rf"|(?P<calendar>{trie_alternation({w for w, _ in words.calendar})})"
        rf"|(?:(?:يوم|ليله|فجر|صباح|مساء|ظهر|عصر|ليل) )?(?P<weekday>{weekday})(?! (?:المقبل|القادم))"
        rf"|(?P<relative>{trie_alternation({w for w, *_ in words.relative})})"
        rf")(?!\w)"
    )
    return _Compiled(pattern, {w: (a, b) for w, a, b in words.relative}, dict(words.calendar),
                     dict(words.weekdays), dict(words.months), dict(words.ordinal_days),
                     re.compile(rf"(?<!\w)[وفبل]?(?:{trie_alternation(set(words.attack_references))})(?!\w)"),
                     re.compile(rf"(?<!\w)[وف]?(?:{trie_alternation(set(words.report_verbs))})(?!\w)"
                                rf"(?:[ ،,]+\w+){{0,3}}[ ،,]*$"))


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _latest_year(month: int, day: int, published: date) -> int:
    """The year that puts (month, day) on or before the article's date."""
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _resolve(m: re.Match[str], c: _Compiled, published: date | None) -> tuple[date, date] | None:
    """The range a matched expression names (None when it cannot be placed without the article's date)."""
    g = m.groupdict()
    if g["dmonth"] is not None:
        month = c.months[_first_month(g["dmonth"], c)]
        day = int(g["day"]) if g["day"] is not None else c.ordinals[g["ordinal"]]
        if g["dyear"] is not None:
            year = int(g["dyear"])
        elif published is not None:
            year = _latest_year(month, day, published)
        else:
            return None
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return d, d
    if g["month"] is not None:
        month = c.months[_first_month(g["month"], c)]
        if g["myear"] is not None:
            return _month_range(int(g["myear"]), month)
        if published is None:
            return None
        # "آذار الماضي" in a March article is the March of the year before; earlier months are this year's.
        this_year = month < published.month or (month == published.month and g["mlast"] is None)
        return _month_range(published.year if this_year else published.year - 1, month)
    if g["year"] is not None:
        year = int(g["year"])
        return date(year, 1, 1), date(year, 12, 31)
    if published is None:
        return None
    if g["calendar"] is not None:
        period = c.calendar[g["calendar"]]
        if period == "this_year":
            return date(published.year, 1, 1), published
        if period == "last_year":
            return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
        first = published.replace(day=1)
        if period == "this_month":
            return first, published
        return _month_range((first - timedelta(days=1)).year, (first - timedelta(days=1)).month)
    if g["weekday"] is not None:
        back = (published.weekday() - c.weekdays[g["weekday"]]) % 7
        d = published - timedelta(days=back)
        return d, d
    lo, hi = c.relative[g["relative"]]
    return published + timedelta(days=lo), published + timedelta(days=hi)


def refers_back(sentence_norm: str, words: TimeWords) -> bool:
    """The sentence names its attack definitely ("الهجوم", "الضربة"): an attack already told."""
    return _compile(words).reference.search(sentence_norm) is not None


def _first_month(text: str, c: _Compiled) -> str:
    """The first month name of "يونيو/حزيران" (the pattern matched the pair as one group)."""
    return next(name for name in sorted(c.months, key=len, reverse=True) if text.startswith(name))


@dataclass(frozen=True)
class TimeExpression:
    """One time expression of a sentence, resolved against its article's date."""

    start: int
    end: int
    low: date
    high: date
    explicit: bool
    report: bool        # a day word right after a verb of saying: the statement's day
    phrase: str
    word_ends: tuple[int, ...]   # where each word of the sentence ends (to count words in between)


def time_expressions(sentence_norm: str, published: date | None, words: TimeWords) -> list[TimeExpression]:
    """Every time expression of a normalised sentence that names a range on or before the article's date
    (one pass per sentence: its claims then each take the nearest, see :func:`nearest_date`)."""
    c = _compile(words)
    out: list[TimeExpression] = []
    ends: tuple[int, ...] | None = None
    for m in c.pattern.finditer(sentence_norm):
        span = _resolve(m, c, published)
        if span is None or (published is not None and span[0] > published):
            continue  # a date after the article is a plan or a deadline, not this event
        explicit = any(m.group(k) is not None for k in ("dmonth", "month", "year"))
        report = not explicit and c.report.search(sentence_norm, max(0, m.start() - 60), m.start()) is not None
        if ends is None:
            ends = tuple(w.end() for w in _WORD.finditer(sentence_norm))
        out.append(TimeExpression(m.start(), m.end(), span[0], span[1], explicit, report, m.group(0).strip(), ends))
    return out


def _words_between(ends: tuple[int, ...], a: int, b: int) -> int:
    return bisect_right(ends, b) - bisect_right(ends, a)


def nearest_date(expressions: list[TimeExpression], phrase_at: int, phrase_end: int, published: date | None,
                 words: TimeWords) -> EventDate:
    """The date of a claim whose phrase spans ``phrase_at`` .. ``phrase_end`` in its normalised sentence."""
    best: tuple[int, TimeExpression] | None = None
    for e in expressions:
        after = e.start >= phrase_end
        distance = e.start - phrase_end if after else max(0, phrase_at - e.end)
        if not e.explicit and (_words_between(e.word_ends, phrase_end, e.start) if after
                               else _words_between(e.word_ends, e.end, phrase_at)) > RELATIVE_REACH_WORDS:
            continue
        if best is None or distance < best[0]:
            best = (distance, e)
    if best is not None:
        e = best[1]
        if e.report:
            if published is not None:
                # "قالت المنظمة الأربعاء إن 70 قتلوا": the statement's day; the event is in the window before it.
                return EventDate(e.high - timedelta(days=words.default_window_days), e.high, "article", e.phrase)
        else:
            high = min(e.high, published) if published is not None else e.high
            return EventDate(e.low, high, "explicit" if e.explicit else "relative", e.phrase)
    if published is None:
        return EventDate(None, None, "unknown", None)
    return EventDate(published - timedelta(days=words.default_window_days), published, "article", None)


def event_date(sentence_norm: str, phrase_at: int, published: date | None, words: TimeWords,
               phrase_end: int | None = None) -> EventDate:
    """Date range of the event a claim reports: the time expression of ``sentence_norm`` nearest to the
    claim's phrase (``phrase_at`` .. ``phrase_end``, offsets into the normalised sentence), else the article's
    window."""
    end = phrase_at if phrase_end is None else max(phrase_at, phrase_end)
    return nearest_date(time_expressions(sentence_norm, published, words), phrase_at, end, published, words)
