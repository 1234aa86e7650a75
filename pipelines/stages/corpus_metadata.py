"""Part of stage 1: the corpus's metadata sidecar (``metadata.csv``) → ``corpus_metadata`` and document fields.

Read on every run (it is one small file), so an edited sidecar changes dates, links and outlets on the next
run although no article changed; the clean stage gives new articles the same values
(view ``raw_documents_dated``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.duck_inputs import execute
from pipelines.lib.ingest.decode import Unreadable, decode_bytes
from pipelines.lib.ingest.metadata import METADATA_FILE_NAME, BadMetadata, metadata_summary, parse_metadata
from pipelines.lib.ingest.scan import file_id_for
from pipelines.lib.sql import sql
from pipelines.stages.common import run_script, set_state_value, state_value

# The digest of the sidecar last applied to the documents (stage_state: stage, key).
_APPLIED_KEY = ("corpus_metadata", "__sidecar__")

SIDECAR_SCHEMA = {
    "row_no": pl.Int32, "file_name": pl.String, "file_id": pl.String, "published_at": pl.Datetime("us"),
    "url": pl.String, "outlet": pl.String, "title": pl.String, "status": pl.String, "reason": pl.String,
}


def apply_corpus_metadata(con: duckdb.DuckDBPyConnection, corpus: Path) -> dict:
    """Replace ``corpus_metadata`` with the sidecar's rows, apply them to ``documents`` and report."""
    path = corpus / METADATA_FILE_NAME
    rows: list[dict] = []
    problem: str | None = None
    if path.is_file():
        try:
            parsed = parse_metadata(decode_bytes(path.read_bytes()).text)
            rows = [{**r.__dict__, "file_id": file_id_for(r.file_name)} for r in parsed]
        except (OSError, Unreadable, BadMetadata) as exc:
            problem = f"unusable metadata sidecar: {exc}"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32] if path.is_file() else "none"
    if digest == "none" and not con.execute("select count(*) from corpus_metadata").fetchone()[0]:
        # No sidecar now and none left rows behind: nothing to replace, apply or report (most corpora; the
        # writes below cost a lake commit).
        return {"metadata_rows": 0, "metadata_rows_reported": 0, "metadata_applied_to_documents": False}
    con.begin()
    run_script(con, "staging/corpus_metadata_apply", {"sidecar_rows": pl.DataFrame(rows, schema=SIDECAR_SCHEMA)})
    documents_updated = state_value(con, _APPLIED_KEY) != digest
    if documents_updated:
        con.execute(sql("staging/corpus_metadata_documents"))
        set_state_value(con, _APPLIED_KEY, digest)
    reported = [r[0] for r in con.execute(sql("staging/corpus_metadata_reported")).fetchall()]
    if path.is_file():
        execute(con, sql("staging/corpus_metadata_sidecar"),
                    [METADATA_FILE_NAME, problem or metadata_summary(len(rows), reported), problem is not None])
    con.commit()
    return {"metadata_rows": len(rows), "metadata_rows_reported": len(reported),
            "metadata_applied_to_documents": documents_updated}
