"""Downloads: claims, mentions (and incidents where the warehouse has them) as CSV and Parquet,
with a codebook in Markdown and as a Frictionless Table Schema / Data Package.

CSV files start with a UTF-8 byte order mark so spreadsheets open the Arabic correctly; numbers
stay numbers, dates ISO dates. Every column is described in ``assets/columns.csv``."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import polars as pl

from dashboards import labels

BOM = "\ufeff".encode()

# Polars dtype -> Frictionless Table Schema type
_SCHEMA_TYPES = {
    pl.String: "string",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Datetime: "datetime",
    pl.Float32: "number",
    pl.Float64: "number",
}

DATASETS = {
    "claims": "One row per casualty claim read from a canonical article.",
    "mentions": "One row per actor or place mention in a canonical article.",
    "incidents": "One row per incident (claims about the same event grouped by the pipeline).",
}


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV with a byte order mark, dates ISO, empty for missing."""
    return BOM + frame.write_csv(date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%S").encode("utf-8")


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    """``frame`` as a zstd-compressed Parquet file."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def _field_type(dtype: pl.DataType) -> str:
    if dtype.is_integer():
        return "integer"
    for polars_type, name in _SCHEMA_TYPES.items():
        if isinstance(dtype, polars_type) or dtype == polars_type:
            return name
    return "any"


def _description(name: str) -> str:
    described = labels.column(name).description
    return described or "Column of the pipeline's table of the same name (see README, warehouse contract)."


def table_schema(frame: pl.DataFrame) -> dict[str, Any]:
    """Frictionless Table Schema for ``frame``'s columns, in order."""
    fields = [
        {
            "name": name,
            "type": _field_type(dtype),
            "title": labels.label(name),
            "description": _description(name),
        }
        for name, dtype in frame.schema.items()
    ]
    key = next((f["name"] for f in fields if f["name"].endswith("_id")), None)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if key:
        schema["primaryKey"] = [key]
    return schema


EXPORT_INTRO = ("Files are UTF-8 (CSV with a byte order mark) and Parquet with the same columns. Only canonical "
                "articles are included (near and exact duplicates are left out). An empty cell means unknown.")


def codebook_markdown(frames: dict[str, pl.DataFrame], *, level: int = 1, title: str = "Rasd export codebook",
                      intro: str = EXPORT_INTRO, datasets: dict[str, str] | None = None) -> str:
    """The codebook as Markdown: one section per dataset, one table row per column; ``level`` is the
    title's heading level (a page that has its own title shows it smaller). A release passes its own
    ``title``, ``intro`` and dataset descriptions."""
    datasets = DATASETS if datasets is None else datasets
    lines = [f"{'#' * level} {title}", "", intro]
    for name, frame in frames.items():
        lines += [
            "", f"{'#' * (level + 1)} {name}", "", datasets.get(name, ""), "",
            "| column | type | label | meaning |", "| --- | --- | --- | --- |",
        ]
        for field in table_schema(frame)["fields"]:
            lines.append(
                f"| `{field['name']}` | {field['type']} | {field['title']} | {field['description']} |"
            )
    return "\n".join(lines) + "\n"


def data_package(frames: dict[str, pl.DataFrame], *, name: str = "rasd-export", file_format: str = "csv",
                 datasets: dict[str, str] | None = None) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the files of ``frames`` (``<name>.csv`` or ``.parquet``)."""
    datasets = DATASETS if datasets is None else datasets
    package_name = name
    return {
        "name": package_name,
        "title": "Rasd: casualty claims, actors and places from Arabic news about the Syrian war",
        "resources": [
            {
                "name": name,
                "path": f"{name}.{file_format}",
                "format": file_format,
                **({"encoding": "utf-8-sig"} if file_format == "csv" else {}),
                "description": datasets.get(name, ""),
                "schema": table_schema(frame),
            }
            for name, frame in frames.items()
        ],
    }


def bundle(frames: dict[str, pl.DataFrame]) -> bytes:
    """A ZIP with every dataset as CSV and Parquet, ``codebook.md`` and ``datapackage.json``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, frame in frames.items():
            zf.writestr(f"{name}.csv", csv_bytes(frame))
            zf.writestr(f"{name}.parquet", parquet_bytes(frame))
        zf.writestr("codebook.md", codebook_markdown(frames))
        zf.writestr("datapackage.json", json.dumps(data_package(frames), ensure_ascii=False, indent=2))
    return buffer.getvalue()
