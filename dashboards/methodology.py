"""The Methodology page's content: definitions in English and Arabic (``assets/methodology.yaml``) and the
measured accuracy (``assets/accuracy.csv``, the one place those figures are kept for the dashboard)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboards import ASSETS
from pipelines.lib.reference.yaml_io import parse_yaml

TERM_FIELDS = ("key", "en", "ar", "text_en", "text_ar")
ACCURACY_FIELDS = ("corpus", "articles", "measure", "value", "command")


@dataclass(frozen=True)
class Term:
    """One defined word, named and explained in both languages."""

    key: str
    en: str
    ar: str
    text_en: str
    text_ar: str


@dataclass(frozen=True)
class Accuracy:
    """One measured figure: on which corpus, what, how much (0–1), and the command that measured it."""

    corpus: str
    articles: int
    measure: str
    value: float
    command: str


@cache
def terms(path: Path = ASSETS / "methodology.yaml") -> tuple[Term, ...]:
    """The definitions, in the file's order; a missing or empty field is an error, not a blank."""
    entries = parse_yaml(path.read_text(encoding="utf-8"))["terms"]
    found = []
    for entry in entries:
        missing = [f for f in TERM_FIELDS if not str(entry.get(f) or "").strip()]
        if missing:
            raise ValueError(f"{path.name}: term {entry.get('key')!r} lacks {missing}")
        found.append(Term(**{f: str(entry[f]).strip() for f in TERM_FIELDS}))
    keys = [t.key for t in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{path.name}: a term is defined twice: {keys}")
    return tuple(found)


@cache
def accuracy(path: Path = ASSETS / "accuracy.csv") -> tuple[Accuracy, ...]:
    """The measured figures; each value must be a share between 0 and 1."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != ACCURACY_FIELDS:
            raise ValueError(f"{path.name}: columns must be {ACCURACY_FIELDS}, not {reader.fieldnames}")
        rows = [
            Accuracy(r["corpus"], int(r["articles"]), r["measure"], float(r["value"]), r["command"])
            for r in reader
        ]
    bad = [r for r in rows if not 0.0 <= r.value <= 1.0]
    if bad:
        raise ValueError(f"{path.name}: values outside 0–1: {bad}")
    return tuple(rows)
