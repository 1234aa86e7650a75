"""The offline map: Syria's governorates (approximate borders derived by ``geo_build.py``) and their
labels from ``assets/``, and points from the warehouse. No basemap tiles and no remote data: it
renders with no network."""

from __future__ import annotations

import csv
import json
import math
from functools import cache
from typing import Any

import polars as pl
import pydeck as pdk

from dashboards import ASSETS

# Colour by what the claims at a place report.
KILLED = [176, 58, 46, 210]
INJURED = [224, 142, 11, 210]
BOTH = [125, 60, 152, 210]
MENTIONED = [120, 120, 120, 110]
OUTLINE_FILL = (238, 234, 224)
NO_FIGURE = [70, 90, 120, 190]  # incidents told without a number ("dozens")
PRECISION_LABELS = {1: "place", 2: "district / nearby", 3: "governorate centre", 4: "country centre"}


@cache
def syria_outline() -> dict[str, Any]:
    """GeoJSON FeatureCollection with Syria's simplified border."""
    return json.loads((ASSETS / "syria_outline.geojson").read_text(encoding="utf-8"))


@cache
def governorates() -> dict[str, Any]:
    """GeoJSON FeatureCollection of the 14 governorates (approximate borders, see geo_build.py)."""
    return json.loads((ASSETS / "syria_governorates.geojson").read_text(encoding="utf-8"))


@cache
def governorate_labels() -> tuple[dict[str, Any], ...]:
    """Label anchors (approximate centres) of the 14 governorates, English and Arabic names."""
    with (ASSETS / "governorate_labels.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            {"name_en": r["name_en"], "name_ar": r["name_ar"], "lat": float(r["lat"]), "lon": float(r["lon"])}
            for r in csv.DictReader(fh)
        )


def outcome_color(n_killed: int, n_injured: int) -> list[int]:
    """Red for places with only killed claims, amber for only injured, purple for both."""
    if n_killed and n_injured:
        return BOTH
    return KILLED if n_killed else INJURED


def radius_m(casualties: int) -> float:
    """Circle radius in metres: the area grows with the people reported killed or injured (lower
    bounds of event claims); a place whose claims give no number keeps a small circle."""
    return 2000.0 + 1100.0 * math.sqrt(max(casualties, 0))


def claim_points(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``locations_claim_points`` as pydeck records with colour, radius and tooltip fields,
    largest first so that smaller circles are drawn over them and stay clickable."""
    frame = frame.sort(pl.col("killed_low") + pl.col("injured_low"), "location_id", descending=[True, False])
    return [
        {
            **row,
            "color": outcome_color(row["n_killed_claims"], row["n_injured_claims"]),
            "radius": radius_m(row["killed_low"] + row["injured_low"]),
            "precision": PRECISION_LABELS.get(row["geo_precision"], "unknown"),
            "what": f"killed ≥ {row['killed_low']:,} · injured ≥ {row['injured_low']:,} "
            f"({row['n_claims']:,} claim{'' if row['n_claims'] == 1 else 's'}; click to list them)",
        }
        for row in frame.iter_rows(named=True)
    ]


def people_radius_m(n_people: int) -> float:
    """Circle radius in metres for an incident place: area grows with its best-estimate casualties, and a
    place whose incidents give no figure still shows as the smallest circle."""
    return 2500.0 * math.sqrt(max(n_people, 1))


def incident_points(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``locations_incident_points`` as pydeck records: colour by the outcomes their incidents
    give figures for, radius by the best-estimate killed and injured."""
    return [
        {
            **row,
            # lighter than claim points: big tolls overlap, and the circles under them must show
            "color": [*(outcome_color(row["n_killed_incidents"], row["n_injured_incidents"])
                        if row["n_killed_incidents"] or row["n_injured_incidents"] else NO_FIGURE)[:3], 150],
            "radius": people_radius_m(row["killed_best"] + row["injured_best"]),
            "precision": PRECISION_LABELS.get(row["geo_precision"], "unknown"),
            "what": f"{row['n_incidents']} incidents · killed {row['killed_best']:,} · injured "
            f"{row['injured_best']:,} (best estimates)",
        }
        for row in frame.iter_rows(named=True)
    ]


def mention_points(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``locations_mention_points`` as pydeck records."""
    return [
        {
            **row,
            "precision": PRECISION_LABELS.get(row["geo_precision"], "unknown"),
            "what": f"mentioned {row['n_mentions']}× in {row['n_documents']} "
            f"article{'' if row['n_documents'] == 1 else 's'}, no claim",
        }
        for row in frame.iter_rows(named=True)
    ]


def deck(claims: pl.DataFrame, mentions: pl.DataFrame, incidents: pl.DataFrame | None = None) -> pdk.Deck:
    """The Syria map: governorates, mentioned places in grey, claim places coloured and sized by casualties,
    governorate names on top (never hidden under a circle). Given ``incidents`` (``locations_incident_points``),
    the coloured circles are the incidents' places sized by best-estimate casualties (layer ``incident-places``).

    ``map_provider=None`` with the default style leaves the deck without any basemap, so
    neither pydeck nor Streamlit fetches tiles or a style from the internet.
    """
    coloured = claims if incidents is None else incidents
    claimed_ids = set(coloured["location_id"].to_list()) if coloured.height else set()
    only_mentioned = mentions.filter(~pl.col("location_id").is_in(list(claimed_ids))) if mentions.height else mentions
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=governorates(),
            id="governorates",
            stroked=True,
            filled=True,
            get_fill_color=list(OUTLINE_FILL) + [255],
            get_line_color=[140, 140, 140, 255],
            line_width_min_pixels=1,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            data=syria_outline(),
            id="syria-outline",
            stroked=True,
            filled=False,
            get_line_color=[70, 70, 70, 255],
            line_width_min_pixels=1.5,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=mention_points(only_mentioned) if only_mentioned.height else [],
            id="mentioned-places",
            get_position="[lon, lat]",
            get_fill_color=MENTIONED,
            get_radius=2000,
            radius_min_pixels=2,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=(claim_points if incidents is None else incident_points)(coloured) if coloured.height else [],
            id="claim-places" if incidents is None else "incident-places",
            get_position="[lon, lat]",
            get_fill_color="color",
            get_line_color=[255, 255, 255, 255],
            get_radius="radius",
            radius_min_pixels=4,
            radius_max_pixels=28,
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            data=list(governorate_labels()),
            id="governorate-names",
            get_position="[lon, lat]",
            get_text="name_en",
            get_size=11,
            get_color=[60, 60, 60, 255],
            background=True,
            get_background_color=[255, 255, 255, 170],
            background_padding=[2, 1],
        ),
    ]
    return pdk.Deck(
        layers=layers,
        # deck.gl's world is 512·2^zoom px wide: at 5.1 Syria (6.8° of longitude, 5° of latitude) takes
        # about 330 × 300 px, so it fits a phone's width (390 px less margins) and the map's height
        initial_view_state=pdk.ViewState(latitude=34.85, longitude=38.95, zoom=5.1),
        map_provider=None,
        # tooltip "text" is inserted as text, never as HTML: names come from the data
        tooltip={"text": "{name_ar} · {name_en}\n{governorate} · precision: {precision}\n{what}"},
    )
