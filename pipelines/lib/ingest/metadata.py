"""The corpus's metadata sidecar: ``metadata.csv`` at the corpus root, read as metadata, never as a dump.

The folder-dataset convention of Hugging Face ``datasets``: one row per file, a ``file_name`` column (the
path relative to the folder holding ``metadata.csv``) and any of ``published_at`` (ISO date or datetime),
``url``, ``outlet``, ``title``. Every row is kept with a status, so a bad row is reported, never fatal and
never silent: ``ok``, ``bad_date`` (the other fields still apply), ``no_file_name``, ``repeated`` (a later row
for a file already given), and — decided once the corpus has been scanned — ``missing_file``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from pipelines.lib.ingest.records import parse_date

METADATA_FILE_NAME = "metadata.csv"
METADATA_FIELDS = ("published_at", "url", "outlet", "title")


class BadMetadata(Exception):
    """The sidecar cannot be read as a table with a ``file_name`` column; ``str(exc)`` says why."""


@dataclass(frozen=True)
class MetadataRow:
    row_no: int            # 1 = the first row after the header
    file_name: str
    published_at: datetime | None
    url: str | None
    outlet: str | None
    title: str | None
    status: str
    reason: str | None


def is_metadata_file(rel_path: str) -> bool:
    """True for the sidecar itself (at the corpus root only; a ``metadata.csv`` deeper down is a dump)."""
    return rel_path == METADATA_FILE_NAME


def _clean(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def parse_metadata(text: str) -> list[MetadataRow]:
    """Rows of a decoded sidecar. Raises :class:`BadMetadata` when there is no ``file_name`` column."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    if "file_name" not in columns:
        raise BadMetadata(f"{METADATA_FILE_NAME} has no file_name column (columns: {', '.join(columns) or 'none'})")
    rows: list[MetadataRow] = []
    seen: set[str] = set()
    for n, raw in enumerate(reader, start=1):
        values = {key: _clean(raw.get(col)) for key, col in columns.items()}
        name = (values.get("file_name") or "").replace("\\", "/").removeprefix("./")
        date_text = values.get("published_at")
        published = parse_date(date_text)
        status, reason = "ok", None
        if not name:
            status, reason = "no_file_name", f"row {n}: empty file_name"
        elif name in seen:
            status, reason = "repeated", f"row {n}: {name} already has an earlier row"
        elif date_text and published is None:
            status, reason = "bad_date", f"row {n}: published_at '{date_text}' is not a date"
        seen.add(name)
        rows.append(MetadataRow(n, name, published, values.get("url"), values.get("outlet"), values.get("title"),
                                status, reason))
    return rows


def metadata_summary(n_rows: int, problems: list[str]) -> str:
    """The sidecar's own ``raw_files.reason``: what it is and what was wrong with it (shown, not hidden)."""
    text = f"metadata sidecar: {n_rows} row(s)"
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        text += f"; {len(problems)} reported (table corpus_metadata): {shown}"
    return text
