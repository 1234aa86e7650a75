"""Casualty claims: charts by group, claimant, perpetrator, outlet, governorate and time; the
claims with their evidence; and the incidents where sources disagree (places where claimants
disagree, on a warehouse without incidents)."""

import polars as pl
import streamlit as st

from dashboards import charts, data, filters, fmt, incident_views, labels, markup, tables

PAGE_SIZE = 20
CLAIM_COLUMNS = (
    "published_date", "outcome", "reported", "mention_text", "evidence", "claimed_by_ar", "claimed_by_en",
    "location_ar", "location_en", "governorate_ar", "governorate_en", "perpetrator_ar", "perpetrator_en",
    "victim_group", "scope", "cause", "outlet", "doc_id",
)
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
            labels.value("outcome", row["outcome"]),
            fmt.reported(row["count_low"], row["count_high"], row["quantified"]),
            labels.value("victim_group", row["victim_group"]),
            labels.value("scope", row["scope"]),
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


found = data.queries("claims_by_dimension", "claims_over_time", "claims_table", "export_claims", **p, doc_id=None)
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
    by_dimension = found["claims_by_dimension"]
    for i, (dimension, title) in enumerate(DIMENSIONS.items()):
        frame = by_dimension.filter(pl.col("dimension") == dimension).drop("dimension")
        with grid[i % 2]:
            st.markdown(f"**{title}**")
            if frame.height:
                st.altair_chart(charts.outcome_bars(frame, title), width="stretch")
            else:
                st.caption("No event claim matches the filters.")
    st.markdown("**Over time · عبر الزمن**")
    over_time = found["claims_over_time"]
    if over_time.height:
        st.altair_chart(charts.timeline(over_time), width="stretch")
    else:
        st.caption("None of the filtered claims comes from a dated article, so there is no timeline.")

with table_tab:
    claims = found["claims_table"]
    export = found["export_claims"]
    st.caption(
        f"{tables.plural(claims.height, 'claim')}. Arabic cells read right to left; the article id opens the "
        "article with its highlights. Downloads hold every column the codebook lists."
    )
    tables.downloads("claims", lambda: export, key="claims_dl", note="The filtered claims, one row per claim.")
    if claims.height:
        tables.show(
            tables.select(tables.with_reported(export), CLAIM_COLUMNS),
            key="claims_table",
            page_size=PAGE_SIZE,
            max_height="36rem",
        )
        n_pages = (claims.height + PAGE_SIZE - 1) // PAGE_SIZE
        st.markdown("**Evidence · الأدلة**")
        page = st.number_input("evidence page", min_value=1, max_value=n_pages, value=1, key="claims_page")
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
        tables.show(
            tables.with_reported(rows).select(
                "reported", "claimant", "outlet", "published_date", "evidence", "doc_id"
            ),
            key=f"conflict_{place}_{outcome}_{day}",
        )
