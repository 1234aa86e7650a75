"""How incidents read on the dashboard: figures as "best (low–high)", date ranges, labels, and the
revision chains of their claims. Pure functions, shared by the pages and their tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

OUTCOMES = ("killed", "injured")
OUTCOME_WORDS = {"killed": "killed · قتلى", "injured": "injured · جرحى"}


def figure(best: int | None, low: int | None, high: int | None) -> str:
    """An incident's estimate: "37 (30–45)", just "37" when every source agrees, a dash with no figure."""
    if best is None:
        return "—"
    low = best if low is None else low
    high = best if high is None else high
    if low == high == best:
        return f"{int(best):,}"
    return f"{int(best):,} ({int(low):,}–{int(high):,})"


def date_range(low: dt.date | None, high: dt.date | None) -> str:
    """When an incident happened: one day, "from – to", or "undated" (never a made-up day)."""
    if low is None and high is None:
        return "undated"
    if low is None or high is None or low == high:
        return (low or high).isoformat()
    return f"{low.isoformat()} – {high.isoformat()}"


def place(row: Mapping[str, Any]) -> str:
    """The incident's place in Arabic and English ("دوما · Douma"), or a note that it has none."""
    names = [n for n in (row.get("place_ar"), row.get("place_en")) if n]
    return " · ".join(dict.fromkeys(names)) if names else "place unknown · مكان غير معروف"


def label_parts(row: Mapping[str, Any]) -> list[str]:
    """What names an incident: its dates, its place (Arabic, English), its cause and its figures."""
    parts = [date_range(row["event_date_low"], row["event_date_high"]), *place(row).split(" · ")]
    if row.get("cause") and row["cause"] != "unknown":
        parts.append(row["cause"])
    for outcome in OUTCOMES:
        if row.get(f"{outcome}_best") is not None:
            parts.append(
                f"{outcome} {figure(row[f'{outcome}_best'], row[f'{outcome}_low'], row[f'{outcome}_high'])}"
            )
    return parts


def label(row: Mapping[str, Any]) -> str:
    """One line naming an incident in a picker: date, place, cause and its figures."""
    return " · ".join(label_parts(row))


def how_many(n: int, word: str) -> str:
    """ "1 article", "3 articles": a count with its noun (English plural in -s)."""
    return f"{int(n):,} {word}{'' if n == 1 else 's'}"


def reported(low: int | None, high: int | None, quantified: bool) -> str:
    """A claim's own figure as its article gives it: "7", "10–12", "20+" (at least), "no number"."""
    if not quantified or low is None:
        return "no number"
    if high is None:
        return f"{int(low):,}+"
    return f"{int(low):,}" if low == high else f"{int(low):,}–{int(high):,}"


def revision_chains(claims: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The claims linked by ``revises_claim_id``, as chains from the first figure to the last.

    Only chains of two claims or more are returned, in the order their first claim appears. A revised
    claim that is not among ``claims`` (it comes from a filtered-out or duplicate article) leaves the
    chain starting at the first claim shown; a claim revised twice (two later figures each revising it)
    starts one chain per branch; claims that revise each other in a circle (bad data) are not drawn.
    """
    rows = list(claims)
    by_id = {r["claim_id"]: r for r in rows}
    later: dict[str, list[str]] = {}
    for r in rows:
        earlier = r.get("revises_claim_id")
        if earlier in by_id and earlier != r["claim_id"]:
            later.setdefault(earlier, []).append(r["claim_id"])
    revised_here = {r["claim_id"] for r in rows if r.get("revises_claim_id") in by_id}
    chains: list[list[Mapping[str, Any]]] = []

    def walk(claim_id: str, path: list[str]) -> None:
        path = [*path, claim_id]
        nexts = [n for n in later.get(claim_id, []) if n not in path]
        if not nexts:
            if len(path) > 1:
                chains.append([by_id[c] for c in path])
            return
        for n in nexts:
            walk(n, path)

    for r in rows:
        if r["claim_id"] not in revised_here:
            walk(r["claim_id"], [])
    return chains
