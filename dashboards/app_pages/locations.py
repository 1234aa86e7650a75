"""Locations: an offline map of Syria with claim places sized by claims and coloured by
outcome, the figures by governorate, and every place with how precisely it is placed."""

import polars as pl
import streamlit as st

from dashboards import data, filters, fmt, geo, incident_views, markup, tables

f = filters.current()
p = f.params()
st.title("Locations · الأماكن")
filters.caption(f)

found = data.queries(
    "locations_claim_points", "locations_mention_points", "locations_places", "locations_by_governorate", **p
)
points = found["locations_claim_points"]
mentioned = found["locations_mention_points"]
places = found["locations_places"]
unresolved = places.filter(places["lat"].is_null())
country_level = places.filter(places["geo_precision"] == 4)

cols = st.columns(3)
cols[0].metric("Places with claims on the map · أماكن على الخريطة", fmt.count(points.height))
cols[1].metric("Places mentioned · أماكن مذكورة", fmt.count(places.height))
cols[2].metric("Unresolved places (not on the map) · غير محددة", fmt.count(unresolved.height))

SIZED_BY = {"incidents": "best-estimate casualties of incidents · الضحايا حسب التقدير الأرجح",
            "claims": "people reported in claims · الضحايا حسب الادعاءات"}
sized_by = (
    st.radio("Circles · الدوائر", list(SIZED_BY), format_func=SIZED_BY.get, horizontal=True, key="map_sized_by")
    if incident_views.available()
    else "claims"
)
incident_places = data.query("locations_incident_points", **p) if sized_by == "incidents" else None
# Map and the picked place's claims side by side on a wide screen, one under the other on a phone.
map_col, place_col = st.columns([3, 2])
event = map_col.pydeck_chart(
    geo.deck(points, mentioned, incident_places), height=400, key="claims_map", on_select="rerun",
    selection_mode="single-object",
)
map_col.html(
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
       " &nbsp; Circle area grows with the people reported killed or injured (lower bounds of event claims).")
    + " Click a circle to list its claims. Governorate borders are approximate (derived from the places of the"
    " gazetteer). A place known only to its governorate sits at the governorate's centre; country-level and"
    " unresolved places are not drawn, they are listed below.</div>"
)

# The place whose claims are listed: a click on the map picks it, the box below changes it.
layer = "claim-places" if incident_places is None else "incident-places"
clicked = (event.selection.get("objects", {}) if event else {}).get(layer) or []
clicked_id = clicked[0]["location_id"] if clicked else None
if clicked_id and clicked_id != st.session_state.get("map_clicked"):
    st.session_state["map_place"] = clicked_id
st.session_state["map_clicked"] = clicked_id
place_names = {
    r["location_id"]: f"{r['name_ar']} · {r['name_en'] or '—'} ({r['killed_low'] + r['injured_low']:,} reported)"
    for r in points.iter_rows(named=True)
}
if st.session_state.get("map_place") not in place_names:
    st.session_state.pop("map_place", None)
place = place_col.selectbox(
    "Claims at a place · ادعاءات في مكان",
    list(place_names),
    format_func=place_names.get,
    index=None,
    placeholder="click a circle on the map, or pick a place",
    key="map_place",
)
with place_col:
    if place:
        at_place = data.export("claims", **p).filter(pl.col("location_id") == place)
        st.caption(f"{tables.plural(at_place.height, 'claim')} at {markup.md_text(place_names[place])}.")
        tables.show(
            tables.select(
                tables.with_reported(at_place),
                ("outcome", "reported", "mention_text", "evidence", "published_date", "victim_group", "cause",
                 "claimed_by_ar", "claimed_by_en", "perpetrator_ar", "perpetrator_en", "doc_id"),
            ),
            key="locations_place_claims",
            page_size=20,
            max_height="26rem",
        )
    else:
        st.caption("The claims of the place you pick are listed here.")

st.subheader("By governorate · حسب المحافظة")
by_governorate = found["locations_by_governorate"]
tables.show(by_governorate.rename({"governorate": "governorate_en"}), key="locations_governorates")

st.subheader("Places and their precision · الأماكن ودقة تحديدها")
st.caption(
    "geo_precision: 1 place, 2 district / nearby, 3 governorate, 4 country; unresolved places have no coordinates."
)
if unresolved.height:
    st.markdown("**Unresolved places · أماكن غير محددة**")
    tables.show(unresolved.select("name_ar", "name_en", "kind", "n_mentions", "n_claims"), key="locations_unresolved")
if country_level.height:
    st.markdown("**Country level, not on the map · على مستوى الدولة**")
    tables.show(country_level.select("name_ar", "name_en", "n_mentions", "n_claims"), key="locations_country")
st.markdown("**All places · كل الأماكن**")
tables.show(
    places.drop("location_id", "precision_label").rename({"governorate": "governorate_en"}), key="locations_all"
)
tables.downloads("location_mentions", lambda: data.export_mentions("location", **p), key="locations_dl",
                 note="Every filtered place mention, one row per mention.")
