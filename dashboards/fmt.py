"""How numbers read on the dashboard (shared by the pages and their tests)."""

from __future__ import annotations

import datetime as dt


def count(n: int | None) -> str:
    """A count with thousands separators; a missing count reads as a dash."""
    return "—" if n is None else f"{int(n):,}"


def toll_range(low: int, high: int, n_open: int) -> str:
    """A reported toll as "low – high"; when some claims give only a lower bound ("at least N")
    the upper end is open, so the toll reads "≥ low"."""
    if n_open:
        return f"≥ {int(low):,}"
    return f"{int(low):,}" if low == high else f"{int(low):,} – {int(high):,}"


def when(value: dt.date | dt.datetime | None) -> str:
    """A date or time for display; undated reads as "undated"."""
    if value is None:
        return "undated"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def reported(low: int | None, high: int | None, quantified: bool) -> str:
    """A claim's number as a reader says it: "7", "10–15", "≥ 20" for "at least 20", and a vague
    word's implied range marked "about"."""
    if low is None:
        return "no number"
    if high is None:
        text = f"≥ {int(low):,}"
    elif low == high:
        text = f"{int(low):,}"
    else:
        text = f"{int(low):,}–{int(high):,}"
    return text if quantified else f"about {text} (no exact number)"


def age(elapsed: dt.timedelta) -> str:
    """How long ago, in the largest unit that reads well: "just now", "5 min ago", "3.2 h ago", "4 days ago"."""
    seconds = elapsed.total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h ago"
    return f"{int(seconds // 86400):,} days ago"
