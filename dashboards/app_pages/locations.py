"""Locations: an offline map of Syria with claim places sized by claims and coloured by
outcome, the figures by governorate, and every place with how precisely it is placed."""

import streamlit as st

from dashboards import data, filters, fmt, geo, incident_views, markup

f = filters.current()
p = f.params()
st.title("Locations · الأماكن")
filters.caption(f)

points = data.query("locations_claim_points", **p)
mentioned = data.query("locations_mention_points", **p)
places = data.query("locations_places", **p)
unresolved = places.filter(places["lat"].is_null())
country_level = places.filter(places["geo_precision"] == 4)

cols = st.columns(3)
cols[0].metric("Places with claims on the map · أماكن على الخريطة", fmt.count(points.height))
cols[1].metric("Places mentioned · أماكن مذكورة", fmt.count(places.height))
cols[2].metric("Unresolved places (not on the map) · غير محددة", fmt.count(unresolved.height))

SIZED_BY = {"incidents": "best-estimate casualties of incidents · الضحايا حسب التقدير الأرجح",
            "claims": "number of claims · عدد الادعاءات"}
sized_by = (
    st.radio("Circles · الدوائر", list(SIZED_BY), format_func=SIZED_BY.get, horizontal=True, key="map_sized_by")
    if incident_views.available()
    else "claims"
)
incident_places = data.query("locations_incident_points", **p) if sized_by == "incidents" else None
st.pydeck_chart(geo.deck(points, mentioned, incident_places), height=560, key="claims_map")
st.html(
    '<div style="font-size:.85rem;">'
    + " &nbsp; ".join(
        f"{markup.swatch(colour)} {markup.escape_text(label)}"
        for colour, label in (
            (geo.KILLED, "killed only · قتلى"),
            (geo.INJURED, "injured only · جرحى"),
            (geo.BOTH, "killed and injured · قتلى وجرحى"),
            (geo.MENTIONED, "mentioned, no claim · مذكور فقط"),
            *([(geo.NO_FIGURE, "incidents without a figure · بلا رقم")] if incident_places is not None else []),
        )
    )
    + (" &nbsp; Circle area grows with the best-estimate killed and injured of the place's incidents, each "
       "incident counted once." if incident_places is not None else
       " &nbsp; Circle area grows with the number of claims.")
    + " The outline is simplified. A place known only"
    " to its governorate sits at the governorate's centre (see precision); country-level and unresolved"
    " places are not drawn, they are listed below.</div>"
)

st.subheader("By governorate · حسب المحافظة")
st.dataframe(
    data.query("locations_by_governorate", **p),
    hide_index=True,
    column_config={
        "killed_low": st.column_config.NumberColumn("killed (≥, event)"),
        "injured_low": st.column_config.NumberColumn("injured (≥, event)"),
        "n_claims_unplaced": st.column_config.NumberColumn("claims at unresolved places"),
        "n_unresolved_mentions": st.column_config.NumberColumn("mentions of unresolved places"),
    },
)

st.subheader("Places and their precision · الأماكن ودقة تحديدها")
st.caption(
    "geo_precision: 1 place, 2 district / nearby, 3 governorate, 4 country; unresolved places have no coordinates."
)
if unresolved.height:
    st.markdown("**Unresolved places · أماكن غير محددة**")
    st.dataframe(unresolved.select("name_ar", "name_en", "kind", "n_mentions", "n_claims"), hide_index=True)
if country_level.height:
    st.markdown("**Country level, not on the map · على مستوى الدولة**")
    st.dataframe(country_level.select("name_ar", "name_en", "n_mentions", "n_claims"), hide_index=True)
st.markdown("**All places · كل الأماكن**")
st.dataframe(places.drop("location_id"), hide_index=True)
