"""Incident views that several pages show: the headline estimates, the incidents where sources disagree,
and one claim as a card. Every figure comes from ``sql/dashboards/`` through ``data``."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from dashboards import data, fmt, incidents, markup

HEADLINE_LABELS = {"killed": "Killed · قتلى", "injured": "Injured · جرحى"}
METHODOLOGY_PAGE = "app_pages/methodology.py"
INCIDENTS_PAGE = "app_pages/incidents.py"


def isolated(parts: list[str], *, size: str = "1rem") -> str:
    """``parts`` joined by " · " left to right, each bidi-isolated (<bdi>), so an Arabic name between
    dates and English words neither reverses its neighbours nor is reversed by them; a part is never
    broken across lines (a date would break at its hyphens on a phone)."""
    inner = " · ".join(f'<bdi style="white-space:nowrap;">{markup.escape_text(p)}</bdi>' for p in parts if p)
    return f'<div dir="ltr" style="font-size:{size};line-height:1.7;">{inner}</div>'


def available() -> bool:
    """Does this warehouse hold incidents (the incidents stage ran and the marts know its columns)?"""
    found = data.scalar_row("incidents_available")
    return bool(found) and all(found.values())


def headline(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Killed and injured as best estimates summed over the filtered incidents, with the sums of their
    low and high figures; returns the rows shown (by outcome) for the caller's own notes."""
    tolls = {row["outcome"]: row for row in data.query("overview_incident_tolls", **params).iter_rows(named=True)}
    for col, outcome in zip(st.columns(2), incidents.OUTCOMES, strict=True):
        t = tolls[outcome]
        col.metric(
            f"{HEADLINE_LABELS[outcome]} — best estimate over incidents",
            fmt.count(t["best"]),
            help="The sum of each incident's best estimate; the range sums each incident's lowest and highest "
            "sourced figures.",
        )
        col.caption(
            f"Range {fmt.count(t['low'])} – {fmt.count(t['high'])} · {fmt.count(t['n_with_figure'])} incidents "
            f"with a figure; {fmt.count(t['n_without_figure'])} without one (\"dozens\", or no such victims)."
        )
    return tolls


def claim_card(row: dict[str, Any]) -> str:
    """One claim of an incident as HTML: claimant, outlet, figure and dates above its evidence sentence,
    the claim phrase highlighted, and the article's own link when it has one."""
    spans = []
    if row["phrase_start"] is not None and row["mention_text"]:
        start = row["phrase_start"]
        spans.append(markup.Span(start, start + len(row["mention_text"]), "claim", row["mention_text"]))
    # the Arabic name right to left on its own line, the English one under it
    claimant = (
        '<div dir="rtl" lang="ar" style="font-weight:600;text-align:right;">'
        f"{markup.escape_text(row['claimant'])}</div>"
    )
    if row.get("claimant_en"):
        claimant += (
            f'<div dir="ltr" style="color:#666;font-size:.85rem;">{markup.escape_text(row["claimant_en"])}</div>'
        )
    facts = " · ".join(
        f"<bdi>{markup.escape_text(x)}</bdi>"
        for x in (
            row["outlet"],
            f"published {fmt.when(row['published_date'])}",
            f"event {incidents.date_range(row['event_date_low'], row['event_date_high'])}",
        )
    )
    notes = []
    if row.get("part_of_claim_id"):
        notes.append("a breakdown inside a total, not added to it")
    if row.get("revises_claim_id"):
        notes.append("revises an earlier figure")
    note = f'<div style="font-size:.8rem;color:#8a5a00;">{markup.escape_text("; ".join(notes))}</div>' if notes else ""
    figure = markup.escape_text(incidents.reported(row["count_low"], row["count_high"], row["quantified"]))
    outcome = markup.escape_text(incidents.OUTCOME_WORDS[row["outcome"]])
    url = row.get("url") or ""
    link = (
        f' · <a href="{markup.escape_attr(url)}" target="_blank" rel="noopener">source ↗</a>'
        if url.startswith(("http://", "https://"))
        else ""
    )
    return (
        '<div style="border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;margin:.3rem 0;">'
        f"{claimant}"
        f'<div style="font-size:1.6rem;line-height:1.3;">{figure}'
        f' <span style="font-size:.9rem;color:#555;">{outcome}</span></div>'
        f'<div style="font-size:.8rem;color:#555;" dir="ltr">{facts}{link}</div>{note}'
        f"{markup.rtl_block(markup.highlight(row['evidence'], spans), size='1rem')}</div>"
    )


def disagreement(params: dict[str, Any], *, key: str, limit: int = 25) -> None:
    """The incidents where independent sources give different figures, most disagreement first (largest
    over smallest figure, then the spread), each with the figure every source stands on."""
    rows = data.query("incidents_disagreement", **params)
    st.caption(
        "Incidents whose independent sources (the claimant, else the outlet: ten outlets repeating one monitor "
        "are one source) stand on different figures — each source's largest total that no later claim of its "
        "own revises. Ranked by the largest figure over the smallest, then by their difference."
    )
    groups = rows.select("disagreement_rank", "incident_id", "outcome", "n_sources", "smallest", "largest",
                         "spread", "ratio").unique(maintain_order=True)
    st.metric("Incidents where sources disagree · حوادث تختلف مصادرها",
              fmt.count(groups["incident_id"].n_unique()))
    if not groups.height:
        st.caption("No incident among the filtered ones has sources that disagree.")
        return
    shown = st.number_input("show the first · عرض أول", min_value=1, max_value=groups.height,
                            value=min(limit, groups.height), key=f"{key}_n")
    listed = data.query("incidents_list", **params)
    names = {r["incident_id"]: incidents.label_parts(r) for r in listed.iter_rows(named=True)}
    for g in groups.head(int(shown)).iter_rows(named=True):
        st.html(
            isolated(names.get(g["incident_id"], [g["incident_id"]]), size="1.05rem")
            + '<div dir="ltr" style="font-size:.9rem;">'
            + f"<bdi>{markup.escape_text(incidents.OUTCOME_WORDS[g['outcome']])}</bdi>: "
            + markup.escape_text(
                f"{g['n_sources']} sources give {g['smallest']:,} to {g['largest']:,} "
                f"({g['ratio']:,.2f}×, a spread of {g['spread']:,})"
            )
            + "</div>"
        )
        sources = rows.filter((pl.col("incident_id") == g["incident_id"]) & (pl.col("outcome") == g["outcome"]))
        st.dataframe(
            sources.select(
                "figure", "claimant", "outlets",
                pl.col("first_published").cast(pl.String).fill_null("undated"),
            ),
            hide_index=True,
            column_config={
                "figure": st.column_config.NumberColumn("figure · الرقم", format="localized"),
                "claimant": st.column_config.TextColumn("source · المصدر"),
                "outlets": st.column_config.TextColumn("outlets · الوسائل"),
                "first_published": st.column_config.TextColumn("first published · أول نشر"),
            },
            key=f"{key}_{g['incident_id']}_{g['outcome']}",
        )
        st.page_link(INCIDENTS_PAGE, label="open the incident →", query_params={"incident": g["incident_id"]})
