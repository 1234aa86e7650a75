"""Place words ("مدينة", "بلدة", "مطار" ...) and the small word lists that read the name after them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.gazetteer import LOCATION_KINDS
from pipelines.lib.reference.yaml_io import read_mapping, word_list

FILE = "place_words.yaml"
COUNTS = frozenset({"one", "two", "many"})


@dataclass(frozen=True)
class PlaceLexicon:
    words: pl.DataFrame                 # word (matching form), kind, part_of_name, count
    name_suffixes: frozenset[str]       # may follow a name and belong to it
    name_prefixes: frozenset[str]       # first words of compound names, which need the next word
    directions: frozenset[str]          # extend a countryside: "ريف حماة الشمالي"
    location_cues: frozenset[str]       # words (one or two) before an ambiguous name that make it a place
    country_cues: frozenset[str]        # words before a state's name that make it the place, not the party
    country_non_cues: frozenset[str]    # two-word phrases that look locative but are not ("بالنسبة إلى")
    not_names: frozenset[str]           # words after a place word that are not names
    word_forms: frozenset[str]          # the place words themselves
    final_ya: frozenset[str]            # place words spelled with a final ي ("وادي"): written ى, another word ("وأدى")
    allegiance_words: frozenset[str]    # "موالين لدمشق": the place after them is a party
    nisba_countries: frozenset[str]     # "جنديا سوريا": spelled like the accusative adjective


def load_place_words(reference_dir: Path) -> PlaceLexicon:
    path = reference_dir / FILE
    data = read_mapping(path)
    entries = data.get("place_words")
    if not isinstance(entries, list) or not entries:
        raise ReferenceDataError(path, "'place_words' must be a non-empty list")
    rows, seen = [], set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not str(entry.get("word", "")).strip():
            raise ReferenceDataError(path, f"place word #{n} needs a 'word'")
        word = normalize(str(entry["word"])).strip()
        if word in seen:
            raise ReferenceDataError(path, f"place word {entry['word']!r} is listed twice")
        seen.add(word)
        if entry.get("kind") not in LOCATION_KINDS:
            raise ReferenceDataError(path, f"place word {entry['word']!r}: unknown kind {entry.get('kind')!r}")
        if entry.get("count", "one") not in COUNTS:
            raise ReferenceDataError(path, f"place word {entry['word']!r}: count must be one of {sorted(COUNTS)}")
        if not isinstance(entry.get("part_of_name", False), bool):
            raise ReferenceDataError(path, f"place word {entry['word']!r}: part_of_name must be true or false")
        rows.append({"word": word, "kind": entry["kind"], "part_of_name": entry.get("part_of_name", False),
                     "count": entry.get("count", "one")})
    return PlaceLexicon(
        words=pl.DataFrame(rows, schema={"word": pl.String, "kind": pl.String, "part_of_name": pl.Boolean,
                                         "count": pl.String}),
        name_suffixes=frozenset(word_list(path, data, "name_suffixes")),
        name_prefixes=frozenset(word_list(path, data, "name_prefixes")),
        directions=frozenset(word_list(path, data, "directions")),
        location_cues=frozenset(word_list(path, data, "location_cues")),
        country_cues=frozenset(word_list(path, data, "country_cues")),
        country_non_cues=frozenset(word_list(path, data, "country_non_cues")),
        not_names=frozenset(word_list(path, data, "not_names")),
        word_forms=frozenset(r["word"] for r in rows),
        allegiance_words=frozenset(word_list(path, data, "allegiance_words")),
        nisba_countries=frozenset(word_list(path, data, "nisba_countries")),
        final_ya=frozenset(normalize(str(e["word"])).strip() for e in entries if str(e["word"]).strip().endswith("ي")),
    )
