"""How numbers read on the dashboard (shared by the pages and their tests)."""

from __future__ import annotations

import datetime as dt


def count(n: int | None) -> str:
    """A count with thousands separators; a missing count reads as a dash."""
    return "—" if n is None else f"{int(n):,}"


def toll_range(low: int, high: int, n_open: int) -> str:
    """A reported toll as "low – high"; "+" when some claims only gave a lower bound
    ("at least N"), so the true upper end is open."""
    return f"{int(low):,} – {int(high):,}{'+' if n_open else ''}"


def when(value: dt.date | dt.datetime | None) -> str:
    """A date or time for display; undated reads as "undated"."""
    if value is None:
        return "undated"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
