"""Overview: what went in, the reported tolls as ranges, the main actors and places."""

import streamlit as st

from dashboards import charts, data, filters, fmt, incident_views, markup, tables

f = filters.current()
p = f.params()
st.title("Overview · نظرة عامة")
filters.caption(f)

found = data.queries(
    "overview_documents", "overview_tolls", "overview_cumulative", "overview_top_actors", "overview_top_locations",
    **p,
)
docs = data.first_row(found["overview_documents"])
top, bottom = st.columns(3), st.columns(3)
top[0].metric("Files seen · الملفات", fmt.count(docs["n_files"]))
top[1].metric("Quarantined files · ملفات معزولة", fmt.count(docs["n_quarantined"]))
top[2].metric("Documents · المقالات", fmt.count(docs["n_documents"]))
bottom[0].metric("Canonical · أصلية", fmt.count(docs["n_canonical"]))
bottom[1].metric("Duplicates · مكررة", fmt.count(docs["n_duplicates"]))
bottom[2].metric("Canonical, after filters · بعد التصفية", fmt.count(docs["n_matching"]))

has_incidents = incident_views.available()
if has_incidents:
    st.subheader("Casualties in incidents · الضحايا في الحوادث")
    incident_views.headline(p)
    st.caption(
        "Each incident — one act of violence at one place and time, however many articles told it — counts "
        "once, with the figure most independent sources give; the range adds up each incident's smallest and "
        "largest sourced figures. Running totals (cumulative tolls) are never added."
    )
    st.page_link(incident_views.INCIDENTS_PAGE, label="The incidents and their sources →", icon=":material/event:")
    st.subheader("Sums of event claims, for comparison · مجموع الادعاءات")
else:
    st.subheader("Reported casualties (event claims) · الحصائل المبلغ عنها")
tolls = {row["outcome"]: row for row in found["overview_tolls"].iter_rows(named=True)}
labels = {
    "killed": "Sum of claims: killed · مجموع ادعاءات القتلى",
    "injured": "Sum of claims: injured · مجموع ادعاءات الجرحى",
}
for col, outcome in zip(st.columns(2), ("killed", "injured"), strict=True):
    t = tolls[outcome]
    col.metric(labels[outcome], fmt.toll_range(t["low"], t["high"], t["n_open"]))
    open_note = f"; {t['n_open']:,} {'gives' if t['n_open'] == 1 else 'give'} only a lower bound" if t["n_open"] else ""
    col.caption(
        f"{tables.plural(t['n_quantified'], 'quantified claim')} in {tables.plural(t['n_documents'], 'article')}"
        f"{open_note}; {tables.plural(t['n_unquantified'], 'claim')} without a number (counted apart)."
    )
st.caption(
    "These are claims, not a death toll: the same event reported by several articles is counted once per "
    "article, and each range runs from the sum of the lowest to the sum of the highest numbers given."
    + (" That is why these sums exceed the incident estimates above." if has_incidents else "")
)
st.page_link("app_pages/claims.py", label="The claims and their evidence sentences →", icon=":material/summarize:")

st.subheader("Cumulative tolls, never summed · حصائل تراكمية")
cumulative = found["overview_cumulative"]
if cumulative.height:
    tables.show(
        tables.with_reported(cumulative).select(
            "outcome", "reported", "evidence", "claimant", "location_name", "published_date", "outlet", "doc_id",
        ),
        key="overview_cumulative",
    )
else:
    st.caption("No cumulative toll among the filtered claims.")



def top_mentions(title: str, query: str, page: str, link: str, icon: str, empty: str) -> None:
    """A bar chart of the most mentioned actors or places, with a link to their page."""
    st.subheader(title)
    top = found[query]
    if top.height:
        shown = top.with_columns(label=top["name_ar"] + " · " + top["name_en"].fill_null(""))
        st.altair_chart(charts.count_bars(shown, "label", "n_mentions", "mentions"), width="stretch")
        st.page_link(page, label=link, icon=icon)
    else:
        st.caption(empty)


left, right = st.columns(2)
with left:
    top_mentions("Top actors · أبرز الفاعلين", "overview_top_actors", "app_pages/actors.py", "Actors →",
                 ":material/groups:", "No actor mention in the filtered articles.")
with right:
    top_mentions("Top locations · أبرز الأماكن", "overview_top_locations", "app_pages/locations.py", "Locations →",
                 ":material/map:", "No place mention in the filtered articles.")

wh = data.warehouse()
run = data.scalar_row("last_run") if data.readiness().has_pipeline_runs else {}
if run:
    st.caption(
        f"Last pipeline run: finished {fmt.when(run['finished_at'])} UTC (run {markup.md_text(run['run_id'])}, "
        f"{tables.plural(run['n_docs_processed'], 'document')} processed, {tables.plural(run['n_claims'], 'claim')}). "
        f"Warehouse: {markup.md_text(wh.path.name)}"
    )
else:
    st.caption(f"No pipeline run is recorded in {markup.md_text(wh.path.name)}.")
