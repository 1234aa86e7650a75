"""The rows ingest writes, as Polars frames: ``raw_files`` and ``raw_documents`` (columns of
``sql/ddl``). Built where the files are read (a worker process of a large run), so the process that
writes them gets columns, not a dict per file."""

from __future__ import annotations

import polars as pl

RAW_FILES_SCHEMA = {
    "file_id": pl.String, "path": pl.String, "sha256": pl.String, "n_bytes": pl.Int64, "encoding": pl.String,
    "status": pl.String, "reason": pl.String, "n_records": pl.Int32, "mtime": pl.Float64,
    "ingested_at": pl.Datetime("us"),
}
RAW_DOCUMENTS_SCHEMA = {
    "doc_id": pl.String, "file_id": pl.String, "record_no": pl.Int32, "title": pl.String, "body": pl.String,
    "url": pl.String, "outlet": pl.String, "published_at": pl.Datetime("us"), "content_sha256": pl.String,
}


def row_frames(files: list[dict], docs: list[dict]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw_files frame, raw_documents frame) of a batch's rows."""
    return pl.DataFrame(files, schema=RAW_FILES_SCHEMA), pl.DataFrame(docs, schema=RAW_DOCUMENTS_SCHEMA)
