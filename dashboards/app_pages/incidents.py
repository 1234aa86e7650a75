"""Incidents: the filtered incidents (one real event each, however many articles told it) with their
best estimates and ranges, a timeline by the day they happened, and one incident's claims side by side
with the chain of revised figures."""

import polars as pl
import streamlit as st

from dashboards import charts, data, filters, fmt, incident_views, incidents, markup

SORTS = {
    "newest first · الأحدث": (["event_date_low"], [True]),
    "most killed first · الأكثر قتلى": (["killed_best", "injured_best"], [True, True]),
    "most sources first · الأكثر مصادر": (["n_independent_sources", "n_articles"], [True, True]),
}
PRECISION = {1: "the place itself", 2: "its district or a nearby place", 3: "its governorate", 4: "the country"}
CARDS_PER_ROW = 3

f = filters.current()
p = f.params()
st.title("Incidents · الحوادث")
filters.caption(f)

if not incident_views.available():
    st.info(
        "This warehouse has no incidents yet: they are built by the pipeline's incidents stage. "
        "Run `make run` with the current code, then reload."
    )
    st.page_link(incident_views.METHODOLOGY_PAGE, label="What an incident is →")
    st.stop()

listed = data.query("incidents_list", **p)
incident_views.headline(p)
cols = st.columns(3)
cols[0].metric("Incidents · الحوادث", fmt.count(listed.height))
multi_article = listed.filter(pl.col("n_articles") > 1).height
cols[1].metric("Told by two articles or more · في أكثر من مقال", fmt.count(multi_article))
single_source = listed.filter(pl.col("n_independent_sources") == 1).height
cols[2].metric("Told by one source only · مصدر واحد", fmt.count(single_source))
st.caption(
    "An incident is one act of violence at one place and time; its best estimate is the figure most "
    "independent sources give, low and high the smallest and largest sourced figures. An incident is listed "
    "when one of its claims passes the filters, with the figures of the whole incident."
)
st.page_link(incident_views.METHODOLOGY_PAGE, label="How incidents, estimates and places are defined →")

list_tab, time_tab = st.tabs(["List · القائمة", "By incident date · حسب تاريخ الحادثة"])

with list_tab:
    sort = st.selectbox("Order · الترتيب", list(SORTS), key="incidents_sort")
    by, descending = SORTS[sort]
    ordered = listed.sort([*by, "incident_id"], descending=[*descending, False], nulls_last=True)
    table = ordered.select(
        pl.col("incident_id"),
        pl.struct("event_date_low", "event_date_high")
        .map_elements(lambda d: incidents.date_range(d["event_date_low"], d["event_date_high"]), return_dtype=pl.String)
        .alias("date"),
        "place_ar",
        "place_en",
        *(
            pl.struct(f"{o}_best", f"{o}_low", f"{o}_high")
            .map_elements(lambda r, o=o: incidents.figure(r[f"{o}_best"], r[f"{o}_low"], r[f"{o}_high"]),
                          return_dtype=pl.String)
            .alias(o)
            for o in incidents.OUTCOMES
        ),
        "n_articles",
        "n_independent_sources",
        pl.col("governorate_en").fill_null("—"),
        "cause",
        "n_outlets",
        "n_claims",
    )
    st.caption("Click a row to open the incident below.")
    clicked = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "incident_id": None,
            "date": st.column_config.TextColumn("date · التاريخ"),
            "place_ar": st.column_config.TextColumn("المكان"),
            "place_en": st.column_config.TextColumn("place"),
            "governorate_en": st.column_config.TextColumn("governorate · المحافظة"),
            "cause": st.column_config.TextColumn("cause · السبب"),
            "killed": st.column_config.TextColumn("killed, best (low–high) · قتلى", width="medium"),
            "injured": st.column_config.TextColumn("injured, best (low–high) · جرحى", width="medium"),
            "n_articles": st.column_config.NumberColumn("articles · مقالات"),
            "n_independent_sources": st.column_config.NumberColumn("independent sources · مصادر مستقلة"),
            "n_outlets": st.column_config.NumberColumn("outlets · وسائل"),
            "n_claims": st.column_config.NumberColumn("claims · ادعاءات"),
        },
        key="incidents_table",
    )

with time_tab:
    over_time = data.query("incidents_over_time", **p)
    undated = listed.filter(pl.col("event_date_low").is_null()).height
    if over_time.height:
        st.altair_chart(charts.incident_timeline(over_time), width="stretch")
    else:
        st.caption("No filtered incident has an event date and a figure, so there is no timeline.")
    st.caption(
        f"Bars: the sum of the best estimates of the incidents that began that day (the tooltip gives the "
        f"range). {fmt.count(undated)} incidents have no event date and are not drawn."
    )

st.subheader("One incident, its claims side by side · حادثة واحدة ورواياتها")
if not listed.height:
    st.caption("No incident matches the filters.")
    st.stop()
choices = ordered["incident_id"].to_list()
labels = {r["incident_id"]: incidents.label(r) for r in ordered.iter_rows(named=True)}
clicked_rows = clicked.selection.rows if clicked else []
if clicked_rows and st.session_state.get("incidents_table_opened") != choices[clicked_rows[0]]:
    # a newly clicked row opens its incident in the picker below
    st.session_state["incidents_table_opened"] = st.session_state["incident_pick"] = choices[clicked_rows[0]]
wanted = st.query_params.get("incident")
if wanted and wanted not in labels:
    st.caption("The incident in the link is not among the filtered ones; showing the first listed.")
picked = st.selectbox(
    "Incident · الحادثة",
    choices,
    index=choices.index(wanted) if wanted in labels else 0,
    format_func=lambda i: labels.get(i, i),
    key="incident_pick",
)
st.query_params["incident"] = picked
row = ordered.row(choices.index(picked), named=True)

st.html(
    incident_views.isolated(
        [*incidents.place(row).split(" · "), incidents.date_range(row["event_date_low"], row["event_date_high"]),
         row["governorate_ar"], row["governorate_en"]],
        size="1.25rem",
    )
)
facts = [
    f"cause: {row['cause'] or 'unknown'}",
    "perpetrator: " + (" · ".join(x for x in (row["perpetrator_ar"], row["perpetrator_en"]) if x) or "not stated"),
    f"placed at {PRECISION.get(row['geo_precision'], 'no known place')}",
    f"{incidents.how_many(row['n_claims'], 'claim')} in {incidents.how_many(row['n_articles'], 'article')} "
    f"from {incidents.how_many(row['n_outlets'], 'outlet')}, "
    f"{incidents.how_many(row['n_independent_sources'], 'independent source')}",
]
st.caption(markup.md_text(" · ".join(facts)))
metric_cols = st.columns(2)
for col, outcome in zip(metric_cols, incidents.OUTCOMES, strict=True):
    col.metric(
        f"{incident_views.HEADLINE_LABELS[outcome]} — best (low–high)",
        incidents.figure(row[f"{outcome}_best"], row[f"{outcome}_low"], row[f"{outcome}_high"]),
    )

claims = data.query("incident_claims", incident_id=picked)
chains = incidents.revision_chains(claims.iter_rows(named=True))
if chains:
    st.markdown("**Revisions · تعديل الحصيلة**")
    for chain in chains:
        steps = " → ".join(
            f"<b>{markup.escape_text(incidents.reported(c['count_low'], c['count_high'], c['quantified']))}</b> ("
            + ", ".join(f"<bdi>{markup.escape_text(x)}</bdi>" for x in (c["claimant"], c["outlet"],
                                                                        fmt.when(c["published_date"])))
            + ")"
            for c in chain
        )
        outcome_words = markup.escape_text(incidents.OUTCOME_WORDS[chain[0]["outcome"]])
        st.html(f'<div style="font-size:.95rem;line-height:1.8;" dir="ltr"><bdi>{outcome_words}</bdi>: {steps}</div>')
    st.caption("Each arrow is a later figure that replaces the one before it (\"the toll rose to …\").")

st.markdown(f"**Claims · الروايات ({claims.height})**")
if claims.height == 0:
    st.caption("None of this incident's claims comes from a canonical article.")
for outcome in incidents.OUTCOMES:
    of_outcome = claims.filter(pl.col("outcome") == outcome)
    if not of_outcome.height:
        continue
    st.markdown(f"*{incidents.OUTCOME_WORDS[outcome]}*")
    rows = list(of_outcome.iter_rows(named=True))
    for first in range(0, len(rows), CARDS_PER_ROW):
        for col, claim in zip(st.columns(CARDS_PER_ROW), rows[first:first + CARDS_PER_ROW], strict=False):
            with col:
                st.html(incident_views.claim_card(claim))
                st.page_link("app_pages/article.py", label=f"open article {claim['doc_id']}",
                             query_params={"doc": claim["doc_id"]}, icon=":material/article:")
