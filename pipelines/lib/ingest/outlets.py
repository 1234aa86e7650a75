"""Detect a document's outlet from signature lines and links in its text."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutletPattern:
    outlet: str
    regex: re.Pattern[str]
    kind: str


def load_outlet_patterns(path: Path) -> list[OutletPattern]:
    """Read ``outlets.csv`` (outlet, pattern, kind); a bad regex names its line."""
    patterns: list[OutletPattern] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            try:
                rx = re.compile(row["pattern"], re.IGNORECASE | re.MULTILINE)
            except re.error as exc:
                raise ValueError(f"{path}:{line_no}: bad pattern {row['pattern']!r}: {exc}") from exc
            if row["kind"] not in {"signature", "link"}:
                raise ValueError(f"{path}:{line_no}: kind must be signature or link, not {row['kind']!r}")
            patterns.append(OutletPattern(row["outlet"].strip(), rx, row["kind"]))
    return patterns


def detect_outlet(text: str, patterns: list[OutletPattern]) -> str | None:
    """The outlet whose signature or link occurs in ``text``; signatures win over links
    (a link may point at a quoted outlet); the last occurrence wins (signatures end articles)."""
    best: tuple[int, int, str] | None = None
    for p in patterns:
        for m in p.regex.finditer(text):
            rank = (1 if p.kind == "signature" else 0, m.start(), p.outlet)
            if best is None or rank > best:
                best = rank
    return best[2] if best else None
