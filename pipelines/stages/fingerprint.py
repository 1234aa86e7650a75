"""What a run's output depends on, as one digest: the corpus listing, the reference data, the code, the
SQL and the settings. When it equals the one recorded by the last published run, a run would change
nothing, so ``make run`` can say so without starting Dagster."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipelines.lib.digest import update_with_tree
from pipelines.lib.ingest.listing import corpus_fingerprint
from pipelines.lib.lake import LakeConfig, NoPublication, connect, connect_published, ends_cleanly, lake_exists
from pipelines.lib.reference.version import reference_version
from pipelines.stages.common import set_state_value, state_value

_ROOT = Path(__file__).resolve().parents[2]
_CODE = (("pipelines", "*.py"), ("sql", "*.sql"))
_STATE_KEY = ("run", "__input__")


def input_fingerprint(corpus: Path, reference_dir: Path, dedup_threshold: float, max_file_bytes: int,
                      corpus_digest: str | None = None) -> str:
    """The digest; ``corpus_digest``: the corpus listing's, when the caller has it (ingest takes it from its
    own scan of the folder)."""
    h = hashlib.sha256()
    listing = corpus_fingerprint(corpus) if corpus_digest is None else corpus_digest
    for part in (listing, reference_version(reference_dir), repr(dedup_threshold),
                 str(max_file_bytes)):
        h.update(part.encode() + b"\0")
    for folder, pattern in _CODE:
        h.update(folder.encode() + b"\0")
        update_with_tree(h, _ROOT / folder, pattern)
    return h.hexdigest()[:32]


def record_input_fingerprint(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    """Taken before ingest reads anything, so a file that changes during the run changes the next digest."""
    set_state_value(con, _STATE_KEY, fingerprint)


def recorded_input_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    return state_value(con, _STATE_KEY)


def last_published_fingerprint(config: LakeConfig) -> str | None:
    """The input digest of the lake's last published run, or None (no lake, no published run yet)."""
    try:
        con, _ = connect_published(config)
    except NoPublication:
        return None
    with con:
        return published_fingerprint(con)


def published_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The input digest of the run published as ``con`` reads the lake (None: none recorded)."""
    try:
        row = con.execute("select input_fingerprint from pipeline_runs order by finished_at desc limit 1").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def ended_fingerprint(config: LakeConfig) -> str | None:
    """The input digest recorded by the run that ended the lake's history, when it ended cleanly: a run that
    found nothing to change publishes nothing, yet its digest (new code with the same output, say) is what
    the next ``make run`` compares with. None when the newest commits are a dead run's."""
    if not lake_exists(config):
        return None
    with connect(config, read_only=True) as con:
        if not ends_cleanly(con):
            return None
        # Written without bound parameters: binding one imports pandas (0.24 s of a no-change run).
        row = con.execute("select fingerprint from stage_state "
                          f"where stage = '{_STATE_KEY[0]}' and doc_id = '{_STATE_KEY[1]}'").fetchone()
    return row[0] if row else None


def lake_reflects(config: LakeConfig, fingerprint: str, published: duckdb.DuckDBPyConnection | None = None) -> bool:
    """Whether the lake's last runs already saw inputs with this digest: its published run did, or a run after
    it ended cleanly without changing anything. ``published``: a connection already reading the newest
    publication (else one is opened). The second look opens the lake only when the first one fails."""
    if published is not None:
        last = published_fingerprint(published)
    else:
        last = last_published_fingerprint(config)
    return last == fingerprint or ended_fingerprint(config) == fingerprint
