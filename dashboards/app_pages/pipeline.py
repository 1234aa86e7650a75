"""Pipeline: the run history, the files set aside with their reasons, how fresh the data is."""

import datetime as dt

import streamlit as st

from dashboards import data, fmt, markup, runs, tables

RUN_COLUMNS = (
    "started_at", "finished_at", "n_files", "n_files_read", "n_quarantined", "n_documents_total",
    "n_documents_added", "n_claims_total", "n_claims_added", "n_docs_processed", "run_id",
)

st.title("Pipeline · خط المعالجة")
st.caption("Times are UTC. The figures ignore the sidebar filters: they describe the whole warehouse.")

found = data.queries(
    "pipeline_newest", "pipeline_quarantined", *(["pipeline_runs"] if data.readiness().has_pipeline_runs else [])
)
history = found.get("pipeline_runs")
newest = data.first_row(found["pipeline_newest"])
quarantined = found["pipeline_quarantined"]
now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
last = history.row(0, named=True) if history is not None and history.height else None

cols = st.columns(4)
cols[0].metric(
    "Last run · آخر تشغيل",
    fmt.age(now - last["finished_at"]) if last else "never",
    help=f"finished {fmt.when(last['finished_at'])} UTC" if last else None,
)
cols[1].metric("Newest article · أحدث مقال", fmt.when(newest.get("newest_date")))
cols[2].metric("Quarantined files · ملفات معزولة", fmt.count(quarantined.height))
cols[3].metric("Runs recorded · مرات التشغيل", fmt.count(history.height if history is not None else 0))
if newest.get("n_undated"):
    st.caption(
        f"{tables.plural(newest['n_undated'], 'canonical article')} of {fmt.count(newest['n_canonical'])} "
        "carry no publication date."
    )

if runs.is_stale(last["finished_at"] if last else None, now):
    age = fmt.age(now - last["finished_at"]) if last else "never"
    st.warning(
        f"The data may be stale: the last published run finished {age}, but the daily schedule "
        f"(`{runs.SCHEDULE_CRON}` UTC) last fired at {fmt.when(runs.last_tick(now - runs.GRACE))} UTC. "
        "Is the Dagster daemon running (`make dev`)? A run with nothing new publishes nothing, so check its "
        "log too.",
        icon=":material/schedule:",
    )
else:
    st.success("Up to date with the daily schedule.", icon=":material/check_circle:")

st.subheader("Run history · سجل التشغيل")
if history is not None and history.height:
    tables.show(tables.select(history, RUN_COLUMNS), key="pipeline_runs")
    st.caption(
        "Added = the change from the run before (negative when files were removed). Files read = new or "
        "changed files; the others were unchanged and skipped."
    )
else:
    st.caption("No run is recorded in this warehouse.")

st.subheader("Quarantined files · الملفات المعزولة")
if quarantined.height:
    tables.show(quarantined, key="pipeline_quarantined")
else:
    st.caption("No input file was set aside.")
st.caption(f"Warehouse: {markup.md_text(data.warehouse().path)}")
