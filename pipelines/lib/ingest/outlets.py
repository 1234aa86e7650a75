"""Detect a document's outlet from signature lines and links in its text."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# NumPy and Polars are imported by the functions that use them: the corpus listing imports this module, and
# `make run` with nothing to do (0.9 s at 100,000 files) must not pay 0.3 s for them.

# Python's \s also matches the separators U+001C-U+001F, Rust's does not: texts holding one skip the
# Rust prefilter so that it never hides a match Python would find.
_RUST_BLIND = "[\x1c-\x1f]"


@dataclass(frozen=True)
class OutletPattern:
    outlet: str
    regex: re.Pattern[str]
    kind: str
    rust: str | None = None     # the same pattern for Polars' (Rust) regex engine, None when it has no equivalent


def _rust_form(pattern: str) -> str | None:
    """The pattern with Python's flags inline, if the Rust regex engine accepts it (no look-around etc.)."""
    import polars as pl

    candidate = f"(?im){pattern}"
    try:
        pl.Series([""]).str.contains(candidate)
    except pl.exceptions.ComputeError:
        return None
    return candidate


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
            patterns.append(OutletPattern(row["outlet"].strip(), rx, row["kind"], _rust_form(row["pattern"])))
    return patterns


def detect_outlet(text: str, patterns: Sequence[OutletPattern]) -> str | None:
    """The outlet whose signature or link occurs in ``text``; signatures win over links
    (a link may point at a quoted outlet); the last occurrence wins (signatures end articles)."""
    best: tuple[int, int, str] | None = None
    for p in patterns:
        for m in p.regex.finditer(text):
            rank = (1 if p.kind == "signature" else 0, m.start(), p.outlet)
            if best is None or rank > best:
                best = rank
    return best[2] if best else None


def detect_outlets(texts: Sequence[str] | pl.Series, patterns: Sequence[OutletPattern]) -> list[str | None]:
    """:func:`detect_outlet` for many texts (a list, or a Polars string column), with the same answers.

    Python's ``re`` is slow on case-insensitive Latin patterns over Arabic text (no literal prefix to
    search for); Polars' Rust engine finds, for the whole batch, which texts can match which pattern,
    and Python runs only those (text, pattern) pairs to rank the matches as :func:`detect_outlet` does. Only
    those texts are turned into Python strings: a batch's texts given as a column are never copied whole.
    """
    import numpy as np
    import polars as pl

    series = texts.fill_null("") if isinstance(texts, pl.Series) else pl.Series(texts, dtype=pl.String)
    if not len(series):
        return []
    rust = [p for p in patterns if p.rust]
    python_only = [p for p in patterns if not p.rust]
    # Per text that may match: the patterns to run on it (every text, when a pattern has no Rust form).
    candidates: dict[int, list[OutletPattern]] = (
        {i: list(python_only) for i in range(len(series))} if python_only else {})
    if rust:
        # One pass of the union over every text, then each pattern over the few texts the union hit.
        union = "|".join(f"(?:{p.rust})" for p in rust)
        maybe = np.flatnonzero((series.str.contains(_RUST_BLIND) | series.str.contains(union)).to_numpy())
        # Every pattern in one query (one call into Polars, which runs the patterns in parallel).
        hits = series.gather(maybe).to_frame("text").select(
            pl.col("text").str.contains(_RUST_BLIND).alias("blind"),
            *(pl.col("text").str.contains(p.rust).alias(f"p{k}") for k, p in enumerate(rust)),
        )
        blind = hits["blind"].to_numpy()
        for k, p in enumerate(rust):
            for j in np.flatnonzero(blind | hits[f"p{k}"].to_numpy()).tolist():
                candidates.setdefault(int(maybe[j]), list(python_only)).append(p)
    found: list[str | None] = [None] * len(series)
    if candidates:
        rows = sorted(candidates)
        for i, text in zip(rows, series.gather(rows).to_list(), strict=True):
            found[i] = detect_outlet(text, candidates[i])
    return found
