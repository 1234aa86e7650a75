"""One writer at a time per lake: two real `make run` processes racing, a held lock, stale temp files."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

from pipelines.cli import build_warehouse, main
from pipelines.lib.writer_lock import lock_path
from tests.conftest import ROOT, SEEDS


def _catalog(tmp_path):
    """The embedded catalog of the lake under ``tmp_path``: its ``.lock`` sibling serialises writers."""
    (tmp_path / "lake").mkdir(exist_ok=True)
    return tmp_path / "lake" / "catalog.sqlite"


def _env(corpus, warehouse, lake, **extra) -> dict:
    env = {**os.environ, "RASD_CORPUS": str(corpus), "RASD_WAREHOUSE": str(warehouse), "RASD_LAKE": str(lake),
           "RASD_WORKERS": "1", **extra}
    return env


def test_two_runs_racing_publish_only_what_each_wrote(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    env = _env(corpus, wh, lake)
    cmd = [sys.executable, "-m", "pipelines.cli", "run"]
    runs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    # The second run waited for the first, then found nothing to do: exactly one run built and published.
    assert sum("nothing changed" in out for out in outputs) == 1, outputs
    assert sum("another Rasd run is writing" in out and "waiting up to 600 s" in out for out in outputs) == 1
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from raw_files where status = 'ok'").fetchone()[0] == 5
        assert con.execute("select count(*) from documents where status = 'ok'").fetchone()[0] == 5
        assert con.execute("select count(*) from pipeline_runs").fetchone()[0] == 1
        # run_log describes the run that built this file: every stage is there
        stages = {r[0] for r in con.execute("select stage from run_log").fetchall()}
    assert {"ingest", "clean", "mentions"} <= stages
    assert not list(tmp_path.glob("w.duckdb.refresh-*"))


def test_a_run_that_cannot_get_the_lock_says_so_and_touches_nothing(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    for name, value in _env(corpus, wh, tmp_path / "lake", RASD_LOCK_WAIT_S="1").items():
        if name.startswith("RASD_"):
            monkeypatch.setenv(name, value)
    stale = tmp_path / "w.duckdb.refresh-1"
    stale.write_bytes(b"another run's half-written release file")
    with open(lock_path(_catalog(tmp_path)), "a+") as holder:     # another writer holds the lake
        fcntl.flock(holder, fcntl.LOCK_EX)
        assert main(["run"]) == 1
    out = capsys.readouterr().out
    assert "another Rasd run is writing" in out and "RASD_LOCK_WAIT_S" in out
    assert "waiting up to 1 s for it to finish" in out
    assert stale.read_bytes() == b"another run's half-written release file"      # not ours: left alone
    assert not wh.exists()


def test_leftover_temp_files_are_removed_and_a_failed_run_says_so(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    for name, value in _env(corpus, wh, tmp_path / "lake").items():
        if name.startswith("RASD_"):
            monkeypatch.setenv(name, value)
    assert main(["run"]) == 0
    capsys.readouterr()
    # A run killed (e.g. by a full disk) while refreshing the release file left these behind.
    leftovers = [tmp_path / f"w.duckdb{suffix}" for suffix in (".refresh-1", ".refresh-1.wal")]
    for path in leftovers:
        path.write_bytes(b"x" * 1000)
    assert main(["run"]) == 0        # nothing changed: the fast path still clears them
    assert not [p for p in leftovers if p.exists()]
    capsys.readouterr()

    # A run that fails (here: the corpus folder is gone) says so, names the cause, and labels the totals
    # it shows as those of the published warehouse, not of this run.
    shutil.rmtree(corpus)
    assert main(["run"]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "nothing published" in out and "does not exist" in out
    assert "files seen 0" not in out
    assert "published warehouse (last successful run): files 5" in out
    assert not list(tmp_path.glob("w.duckdb.refresh-*"))


def test_a_dagster_run_waits_for_the_lock_then_fails_clearly(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    monkeypatch.setenv("RASD_LOCK_WAIT_S", "0.5")
    with open(lock_path(_catalog(tmp_path)), "a+") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        facts = build_warehouse(corpus, wh, tmp_path / "lake", raise_on_error=False)
    assert not facts["success"]
    assert "another Rasd run is writing" in facts["failure"]
    assert not wh.exists() and not (tmp_path / "lake" / "catalog.sqlite").exists()


def test_the_instance_queues_one_writing_run_at_a_time(tmp_path):
    from dagster import DagsterInstance

    from pipelines.defs.automation import WRITER_TAG, rasd_job

    shutil.copy(ROOT / ".dagster" / "dagster.yaml", tmp_path / "dagster.yaml")   # the instance writes beside it
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        settings = instance.get_concurrency_config().run_queue_config
        assert settings.max_concurrent_runs == 1
        assert [(limit["key"], limit["limit"]) for limit in settings.tag_concurrency_limits] == [(WRITER_TAG, 1)]
    assert rasd_job.tags[WRITER_TAG] == "warehouse"


def test_a_run_never_publishes_what_another_run_started(tmp_path):
    from pipelines.lib import lake
    from pipelines.lib.warehouse import start_run
    from pipelines.settings import lake_config
    from pipelines.stages.publish import run_publish

    config = lake_config(tmp_path / "lake")
    with lake.connect(config) as con:
        start_run(con, "run-A")
        with pytest.raises(RuntimeError, match="started by run run-A, not by this run"):
            run_publish(con, "run-B", None)
        assert lake.newest_publication(con) is None
        assert run_publish(con, "run-A", None)["published"]
        assert lake.newest_publication(con).run_id == "run-A"
