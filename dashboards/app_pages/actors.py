"""Actors: who is mentioned (by actor, type and side), who claims casualties on which side,
and which actors are named together."""

import polars as pl
import streamlit as st

from dashboards import charts, data, filters, fmt, tables

TOP_CLAIMANTS = 20

f = filters.current()
p = f.params()
st.title("Actors · الفاعلون")
filters.caption(f)

found = data.queries("actors_mentions", "actors_documents", "actors_claimant_victim", "actors_pairs", **p)
mentions = found["actors_mentions"]
cols = st.columns(3)
cols[0].metric("Actors mentioned · فاعلون", fmt.count(mentions.height))
cols[1].metric("Mentions · إشارات", fmt.count(int(mentions["n_mentions"].sum()) if mentions.height else 0))
cols[2].metric(
    "Articles naming an actor · مقالات",
    fmt.count(data.first_row(found["actors_documents"]).get("n_documents", 0)),
)

if mentions.height:
    labelled = mentions.with_columns(label=pl.col("name_ar") + " · " + pl.col("name_en").fill_null(""))
    st.subheader("Mentions by actor · الإشارات حسب الفاعل")
    st.altair_chart(charts.count_bars(labelled, "label", "n_mentions", "mentions", top=25), width="stretch")
    left, right = st.columns(2)
    for col, key, title in ((left, "actor_type", "By type · حسب النوع"), (right, "side", "By side · حسب الطرف")):
        grouped = mentions.group_by(key).agg(pl.col("n_mentions").sum())
        with col:
            st.markdown(f"**{title}**")
            st.altair_chart(charts.count_bars(grouped, key, "n_mentions", "mentions"), width="stretch")
    with st.expander(f"All actors · كل الفاعلين ({mentions.height:,})"):
        tables.show(mentions, key="actors_all")
        tables.downloads("actor_mentions", lambda: data.export_mentions("actor", **p), key="actors_dl",
                         note="Every filtered actor mention, one row per mention.")
else:
    st.info("No actor mention matches the filters.")

st.subheader("Who claims what · من يعلن عن ضحايا من")
st.caption(
    "Claims by who they are credited to and whose dead or injured they count (the named victims' side, "
    "else the victim group). The colour is the number of claims."
)
who = found["actors_claimant_victim"]
if who.height:
    # the chart names each claimant in both languages where the dictionary has both
    named = who.with_columns(
        claimant=pl.when(pl.col("claimant_en").is_not_null())
        .then(pl.col("claimant") + " · " + pl.col("claimant_en"))
        .otherwise(pl.col("claimant"))
    )
    cells = named.group_by("claimant", "victim_side").agg(pl.col("n_claims").sum(), pl.col("low").sum())
    top = (
        cells.group_by("claimant").agg(pl.col("n_claims").sum())
        .sort(["n_claims", "claimant"], descending=[True, False]).head(TOP_CLAIMANTS)["claimant"]
    )
    st.altair_chart(
        charts.heatmap(cells.filter(pl.col("claimant").is_in(top.to_list())), "victim_side", "claimant", "n_claims",
                       "claims"),
        width="stretch",
    )
    if cells["claimant"].n_unique() > TOP_CLAIMANTS:
        st.caption(f"The {TOP_CLAIMANTS} claimants with most claims; the table has them all.")
    tables.show(who.rename({"claimant": "claimant_ar"}).drop("low"), key="actors_who")
else:
    st.caption("No claim matches the filters.")

st.subheader("Named together · يذكران معاً")
st.caption("Pairs of actors named in the same sentence, by number of sentences.")
pairs = found["actors_pairs"]
if pairs.height:
    top = pairs.head(30)
    st.altair_chart(charts.heatmap(top, "name_b_ar", "name_a_ar", "n_sentences", "sentences"), width="stretch")
    tables.show(pairs.rename({"example_doc": "doc_id"}), key="actors_pairs")
else:
    st.caption("No sentence names two actors among the filtered articles.")
