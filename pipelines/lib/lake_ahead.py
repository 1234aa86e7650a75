"""The run's lake connection opened while the process is still loading Dagster.

``make run`` spends about a second importing Dagster and building its instance, in Python; opening the lake
(loading two DuckDB extensions, attaching the catalog) and preparing the run (putting back what a dead run
left, creating the tables) is DuckDB's work, which runs without Python's lock: about 0.1 s of a seeds run.
:func:`open_ahead` does the latter in a thread while the former goes on, the run's lake resource takes the
connection when its first step asks for one (:func:`take_opened`), and whatever was not taken is closed
(:func:`close_unused`). Only a process holding the lake's writer lock opens ahead: preparing a run writes.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import duckdb

from pipelines.lib import lake
from pipelines.lib.warehouse import prepare_run
from pipelines.lib.writer_lock import holds

_OPENED: dict[tuple[str, str], Future] = {}
_GUARD = threading.Lock()


def _key(config: lake.LakeConfig) -> tuple[str, str]:
    return config.catalog, config.data_path


def _open_prepared(config: lake.LakeConfig) -> duckdb.DuckDBPyConnection:
    con = lake.connect(config)
    try:
        prepare_run(con)
    except BaseException:
        con.close()
        raise
    return con


def open_ahead(config: lake.LakeConfig, lock: Path) -> bool:
    """Start opening the lake of ``config`` and preparing a run on it, in a background thread, when this process
    holds its writer lock ``lock`` (else nothing is opened: returns False)."""
    if not holds(lock):
        return False
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(_open_prepared(config))
        except BaseException as exc:   # noqa: BLE001 - handed to whoever takes the connection
            future.set_exception(exc)

    with _GUARD:
        if _key(config) in _OPENED:
            return True
        _OPENED[_key(config)] = future
    threading.Thread(target=work, name="rasd-lake-ahead", daemon=True).start()
    return True


def take_opened(config: lake.LakeConfig) -> duckdb.DuckDBPyConnection | None:
    """The connection :func:`open_ahead` opened and prepared for ``config`` (waiting for it; its error is raised
    here), or None when none was opened ahead."""
    with _GUARD:
        future = _OPENED.pop(_key(config), None)
    return None if future is None else future.result()


def close_unused() -> int:
    """Close every connection opened ahead that no run took (after waiting for it); returns how many."""
    with _GUARD:
        futures = list(_OPENED.values())
        _OPENED.clear()
    closed = 0
    for future in futures:
        try:
            future.result().close()
            closed += 1
        except Exception:       # noqa: BLE001 - its error was nobody's: the run did not need it
            pass
    return closed
