"""Locations: an offline map of Syria with claim places sized by claims and coloured by
outcome, the figures by governorate, and every place with how precisely it is placed."""

import streamlit as st

from dashboards import data, filters, fmt, geo, markup, tables

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

st.pydeck_chart(geo.deck(points, mentioned), height=560, key="claims_map")
st.html(
    '<div style="font-size:.85rem;">'
    + " &nbsp; ".join(
        f"{markup.swatch(colour)} {markup.escape_text(label)}"
        for colour, label in (
            (geo.KILLED, "killed only · قتلى"),
            (geo.INJURED, "injured only · جرحى"),
            (geo.BOTH, "killed and injured · قتلى وجرحى"),
            (geo.MENTIONED, "mentioned, no claim · مذكور فقط"),
        )
    )
    + " &nbsp; Circle area grows with the number of claims. The outline is simplified. A place known only"
    " to its governorate sits at the governorate's centre (see precision); country-level and unresolved"
    " places are not drawn, they are listed below.</div>"
)

st.subheader("By governorate · حسب المحافظة")
by_governorate = data.query("locations_by_governorate", **p)
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
