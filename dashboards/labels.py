"""Column labels, codebook descriptions and value names, read from ``dashboards/assets/``.

Labels are data (``columns.csv``, ``values.csv``): a reader who wants another wording edits a
CSV, not a page script."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from dashboards import ASSETS


@dataclass(frozen=True)
class Column:
    """How a column is called on screen and what it means in the codebook."""

    name: str
    label_en: str
    label_ar: str
    description: str

    @property
    def label(self) -> str:
        return f"{self.label_en} · {self.label_ar}"


def _read(name: str) -> list[dict[str, str]]:
    with (ASSETS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def columns() -> dict[str, Column]:
    """Every known column by name."""
    return {
        r["column"]: Column(r["column"], r["label_en"], r["label_ar"], r["description"]) for r in _read("columns.csv")
    }


@cache
def values() -> dict[tuple[str, str], tuple[str, str]]:
    """(field, stored value) -> (English, Arabic) name of the value."""
    return {(r["field"], r["value"]): (r["label_en"], r["label_ar"]) for r in _read("values.csv")}


def column(name: str) -> Column:
    """The column's labels; an unlisted column reads as its name with underscores as spaces."""
    found = columns().get(name)
    return found or Column(name, name.replace("_", " "), "", "")


def label(name: str) -> str:
    """Human label of a column, English · Arabic."""
    c = column(name)
    return c.label if c.label_ar else c.label_en


def value(field: str, stored: object) -> str:
    """Human name of a stored value (``victim_group``/``unknown`` → "not stated · غير محدد")."""
    if stored is None:
        return ""
    found = values().get((field, str(stored)))
    if not found:
        return str(stored).replace("_", " ")
    return f"{found[0]} · {found[1]}"


def value_fields() -> set[str]:
    """Fields whose values have names in values.csv."""
    return {f for f, _ in values()}
