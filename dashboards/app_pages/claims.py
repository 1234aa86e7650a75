"""Casualty claims: charts by group, claimant, perpetrator, outlet, governorate and time; the
claims with their evidence; and the incidents where sources disagree (places where claimants
disagree, on a warehouse without incidents)."""

import polars as pl
import streamlit as st

from dashboards import charts, data, filters, fmt, incident_views, markup

PAGE_SIZE = 20
DIMENSIONS = {
    "victim_group": "Victim group · فئة الضحايا",
    "claimant": "Claimed by · المصدر",
    "perpetrator": "Perpetrator · الجهة المسؤولة",
    "outlet": "Outlet · الوسيلة",
    "governorate": "Governorate · المحافظة",
}

f = filters.current()
p = f.params()
st.title("Casualty claims · ادعاءات الضحايا")
filters.caption(f)


def evidence_card(row: dict) -> str:
    """One claim as HTML: what it says, then its sentence with the claim phrase marked."""
    start = row["phrase_start"]
    spans = []
    if start is not None:
        spans.append(markup.Span(start, start + len(row["mention_text"]), "claim", row["mention_text"]))
    head = " · ".join(
        markup.escape_text(x)
        for x in (
            row["outcome"],
            row["reported"],
            row["victim_group"],
            row["scope"],
            f"claimed by: {row['claimant']}",
            f"perpetrator: {row['perpetrator']}",
            f"place: {row['location_name'] or '—'}",
            f"{row['outlet']}, {fmt.when(row['published_date'])}",
        )
    )
    return (
        '<div style="border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem;margin:.3rem 0;">'
        f'<div style="font-size:.85rem;color:#555;" dir="auto">{head}</div>'
        f"{markup.rtl_block(markup.highlight(row['evidence'], spans))}</div>"
    )


has_incidents = incident_views.available()
charts_tab, table_tab, conflicts_tab = st.tabs(
    [
        "Charts · رسوم",
        "Claims and evidence · الادعاءات والأدلة",
        "Sources disagree · مصادر مختلفة" if has_incidents else "Conflicting claims · روايات متعارضة",
    ]
)

with charts_tab:
    st.caption(
        "Event claims only (cumulative tolls are on the overview and never added in). Bars show the sum "
        "of the lowest numbers given; the tooltip gives the full range and the claims without a number."
    )
    grid = st.columns(2)
    for i, (dimension, title) in enumerate(DIMENSIONS.items()):
        frame = data.query("claims_by_dimension", dimension=dimension, **p)
        with grid[i % 2]:
            st.markdown(f"**{title}**")
            if frame.height:
                st.altair_chart(charts.outcome_bars(frame, title), width="stretch")
            else:
                st.caption("No event claim matches the filters.")
    st.markdown("**Over time · عبر الزمن**")
    over_time = data.query("claims_over_time", **p)
    if over_time.height:
        st.altair_chart(charts.timeline(over_time), width="stretch")
    else:
        st.caption("None of the filtered claims comes from a dated article, so there is no timeline.")

with table_tab:
    claims = data.query("claims_table", **p)
    st.caption(f"{fmt.count(claims.height)} claims. The last column opens the article with its highlights.")
    if claims.height:
        table = claims.select(
            "published_date", "outlet", "outcome", "reported", "victim_group", "scope", "claimant",
            "perpetrator", "location_name", "governorate", "mention_text", "evidence", "article_url",
        )
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "article_url": st.column_config.LinkColumn("article", display_text="open ↗"),
                "evidence": st.column_config.TextColumn("evidence", width="large"),
            },
        )
        n_pages = (claims.height + PAGE_SIZE - 1) // PAGE_SIZE
        st.markdown("**Evidence · الأدلة**")
        page = st.number_input("page", min_value=1, max_value=n_pages, value=1, key="claims_page")
        for row in claims.slice((page - 1) * PAGE_SIZE, PAGE_SIZE).iter_rows(named=True):
            st.html(evidence_card(row))
            st.page_link(
                "app_pages/article.py",
                label=f"open article {row['doc_id']}",
                query_params={"doc": row["doc_id"]},
                icon=":material/article:",
            )

with conflicts_tab:
    if has_incidents:
        incident_views.disagreement(p, key="claims_disagree")
        st.stop()  # the last tab: the claim-level view below is for warehouses without incidents
    same_day = st.toggle("Same publication day only · نفس اليوم", value=True, key="conflicts_same_day")
    st.caption(
        "Event claims about the same place and outcome where different claimants give different numbers."
    )
    conflicts = data.query("claims_conflicts", same_day=same_day, **p)
    groups = conflicts.select("place", "outcome", "day").unique(maintain_order=True)
    st.metric("Places with conflicting numbers · أماكن بأرقام متعارضة", fmt.count(groups.height))
    for place, outcome, day in groups.iter_rows():
        rows = conflicts.filter(
            (pl.col("place") == place) & (pl.col("outcome") == outcome) & pl.col("day").eq_missing(day)
        )
        st.html(
            markup.rtl_block(
                f"<b>{markup.escape_text(place)}</b> · {markup.escape_text(outcome)}"
                f" · {markup.escape_text(fmt.when(day) if same_day else 'any day')}",
                size="1rem",
            )
        )
        st.dataframe(
            rows.select("reported", "claimant", "outlet", "published_date", "evidence", "doc_id"),
            hide_index=True,
        )
