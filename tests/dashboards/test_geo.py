"""The offline map's data files and point styling."""

from __future__ import annotations

import json

import polars as pl

from dashboards import geo


def test_outline_is_a_closed_polygon_around_syria() -> None:
    outline = geo.syria_outline()
    ring = outline["features"][0]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) >= 30
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    # Syria lies within about 35.6-42.4 E and 32.3-37.4 N
    assert 35.5 < min(lons) < 36.0 and 42.0 < max(lons) < 42.5
    assert 32.2 < min(lats) < 32.5 and 37.0 < max(lats) < 37.5


def test_governorate_labels_are_the_fourteen_governorates_inside_the_outline_box() -> None:
    labels = geo.governorate_labels()
    assert len(labels) == 14
    assert {"Aleppo", "Idlib", "Rif Dimashq", "Deir ez-Zor", "Al-Hasakah"} <= {x["name_en"] for x in labels}
    assert all(32.3 < x["lat"] < 37.4 and 35.6 < x["lon"] < 42.4 for x in labels)
    assert next(x for x in labels if x["name_en"] == "Aleppo")["name_ar"] == "حلب"


def test_points_are_coloured_by_outcome_and_sized_by_casualties() -> None:
    assert geo.outcome_color(3, 0) == geo.KILLED
    assert geo.outcome_color(0, 2) == geo.INJURED
    assert geo.outcome_color(1, 1) == geo.BOTH
    # area grows with the people reported: 4x the people, 2x the radius beyond the base circle
    base = geo.radius_m(0)
    assert geo.radius_m(400) - base == 2 * (geo.radius_m(100) - base) > 0


def test_governorate_borders_cover_syria_and_hold_their_places() -> None:
    from shapely.geometry import Point, shape

    features = geo.governorates()["features"]
    assert [f["properties"]["name_en"] for f in features] == [x["name_en"] for x in geo.governorate_labels()]
    shapes = {f["properties"]["name_en"]: shape(f["geometry"]) for f in features}
    outline = shape(geo.syria_outline()["features"][0]["geometry"])
    total = sum(s.area for s in shapes.values())
    assert abs(total - outline.area) < 0.02 * outline.area  # no gaps, no overlaps to speak of
    # real places fall in their own governorate
    for name, lon, lat in (("Aleppo", 37.16, 36.2), ("Idlib", 36.63, 35.93), ("Homs", 36.71, 34.73),
                           ("Deir ez-Zor", 40.14, 35.33), ("Damascus", 36.29, 33.51), ("Daraa", 36.1, 32.62),
                           ("Latakia", 35.79, 35.52), ("Raqqa", 39.01, 35.95), ("Al-Hasakah", 40.75, 36.5)):
        assert shapes[name].contains(Point(lon, lat)), name


def _claims() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "location_id": ["aleppo"], "name_ar": ["حلب"], "name_en": ["Aleppo"], "governorate": ["Aleppo"],
            "lat": [36.2], "lon": [37.16], "geo_precision": [1], "n_claims": [4], "n_killed_claims": [3],
            "n_injured_claims": [1], "killed_low": [30], "injured_low": [5],
        }
    )


def test_deck_has_no_basemap_and_text_only_tooltips() -> None:
    mentions = pl.DataFrame(
        {
            "location_id": ["aleppo", "homs"], "name_ar": ["حلب", "حمص"], "name_en": ["Aleppo", "Homs"],
            "governorate": ["Aleppo", "Homs"], "lat": [36.2, 34.73], "lon": [37.16, 36.71],
            "geo_precision": [1, 1], "n_mentions": [5, 2], "n_documents": [2, 1],
        }
    )
    deck = geo.deck(_claims(), mentions)
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") is None
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no basemap" sentinel
    layers = {layer["id"]: layer for layer in spec["layers"]}
    point = layers["claim-places"]["data"][0]
    assert (point["name_en"], point["color"], point["radius"]) == ("Aleppo", geo.BOTH, geo.radius_m(35))
    assert len(layers["governorates"]["data"]["features"]) == 14
    # names are drawn after the circles, so a circle never hides them
    assert list(layers).index("governorate-names") > list(layers).index("claim-places")
    # a place with claims is not drawn a second time as a grey "mentioned" point
    assert [p["name_en"] for p in layers["mentioned-places"]["data"]] == ["Homs"]
    # names come from the data: the tooltip inserts them as text, never as HTML
    assert set(deck._tooltip) == {"text"}
    assert "http" not in json.dumps(spec)
