"""Lake maintenance, on its own schedule: expire the snapshots nobody keeps, then compact what is left.

Each run adds small Parquet files (an incremental run appends a few rows to many tables); reading a table
opens all of them. Compaction writes rows held in the catalog to Parquet, merges adjacent small files,
rewrites files with many deleted rows and deletes the files no kept snapshot references. Snapshots kept:
the ``keep`` newest publications (time travel), those a reader has pinned, and the newest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.lib import lake
from pipelines.stages.common import set_state_value

_COMPACTED_KEY = ("run", "__compacted__")


def run_compaction(con: duckdb.DuckDBPyConnection, keep: int, pins_dir: Path, pin_ttl_s: float) -> dict:
    """Expire, then compact, the lake behind ``con``; the last commit is tagged ``compacted`` so the next run
    starts from it. The caller holds the lake's writer lock. Returns what each step did."""
    pinned = lake.live_pins(pins_dir, pin_ttl_s)
    expired = lake.expire_unkept(con, keep, pinned)
    done = lake.compact(con)
    con.begin()
    try:
        set_state_value(con, _COMPACTED_KEY, datetime.now(UTC).isoformat(timespec="seconds"))
        lake.tag_commit(con, lake.COMPACTED, "compaction")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return {"snapshots_expired": len(expired), "snapshots_pinned": len(pinned), **done,
            "data_files": lake.live_data_files(con)}
