"""Load ``seeds/reference/time_words.yaml``: the words that date an event relative to its article.

Every phrase is normalised (``pipelines.lib.arabic.normalize``) so it matches the normalised sentence; a
phrase listed twice, an offset range that runs backwards or an unknown weekday or month number is an error
that names the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.yaml_io import read_mapping, word_list

CALENDAR_PERIODS = ("last_month", "this_month", "last_year", "this_year")


@dataclass(frozen=True)
class TimeWords:
    default_window_days: int
    relative: tuple[tuple[str, int, int], ...]   # (phrase, from, to): days from the article's date
    calendar: tuple[tuple[str, str], ...]        # (phrase, one of CALENDAR_PERIODS)
    weekdays: tuple[tuple[str, int], ...]        # (name, Monday 0 .. Sunday 6)
    months: tuple[tuple[str, int], ...]          # (name, 1 .. 12)
    ordinal_days: tuple[tuple[str, int], ...]    # (ordinal, 1 .. 31)
    attack_references: tuple[str, ...]
    report_verbs: tuple[str, ...]
    year_words: tuple[str, ...]


def _numbered(path: Path, data: dict, key: str, low: int, high: int) -> tuple[tuple[str, int], ...]:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise ReferenceDataError(path, f"{key!r} must map numbers to lists of names")
    out: list[tuple[str, int]] = []
    for number, names in table.items():
        if not isinstance(number, int) or not low <= number <= high:
            raise ReferenceDataError(path, f"{key}: {number!r} is not a number from {low} to {high}")
        out.extend((name, number) for name in word_list(path, {"names": names}, "names"))
    return tuple(out)


def load_time_words(path: Path) -> TimeWords:
    data = read_mapping(path)
    window = data.get("default_window_days")
    if not isinstance(window, int) or window < 0:
        raise ReferenceDataError(path, "default_window_days must be a non-negative integer")
    relative: list[tuple[str, int, int]] = []
    for i, entry in enumerate(data.get("relative") or []):
        entry = entry if isinstance(entry, dict) else {}
        lo, hi = entry.get("from"), entry.get("to")
        if not isinstance(lo, int) or not isinstance(hi, int) or lo > hi or hi > 0:
            raise ReferenceDataError(path, f"relative[{i}]: needs integers from <= to <= 0")
        relative.extend((w, lo, hi) for w in word_list(path, entry, "words"))
    calendar_table = data.get("calendar") or {}
    unknown = set(calendar_table) - set(CALENDAR_PERIODS)
    if unknown:
        raise ReferenceDataError(path, f"calendar: unknown periods {sorted(unknown)}; allowed {list(CALENDAR_PERIODS)}")
    calendar = tuple((w, period) for period in CALENDAR_PERIODS if period in calendar_table
                     for w in word_list(path, calendar_table, period))
    words = TimeWords(
        default_window_days=window,
        relative=tuple(relative),
        calendar=calendar,
        weekdays=_numbered(path, data, "weekdays", 0, 6),
        months=_numbered(path, data, "months", 1, 12),
        ordinal_days=_numbered(path, data, "ordinal_days", 1, 31),
        attack_references=word_list(path, data, "attack_references"),
        report_verbs=word_list(path, data, "report_verbs"),
        year_words=word_list(path, data, "year_words"),
    )
    phrases = [p for p, *_ in words.relative] + [p for p, _ in words.calendar] + [p for p, _ in words.weekdays] \
        + [p for p, _ in words.months]
    repeated = sorted({p for p in phrases if phrases.count(p) > 1})
    if repeated:
        raise ReferenceDataError(path, f"phrases listed more than once: {repeated}")
    return words
