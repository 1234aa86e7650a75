"""The dashboard's query layer reads the lake's last published snapshot while a run commits, and the new
one once that run publishes; ``?as_of_run=N`` reads an older one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from dashboards import data
from pipelines.cli import build_warehouse
from pipelines.lib import lake
from pipelines.settings import lake_config
from tests.conftest import ROOT, SEEDS


def _wait_for(path, proc, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before pausing: {proc.stderr.read()[-2000:]}")
        assert time.monotonic() < deadline, "the run never paused"
        time.sleep(0.1)


def _read(monkeypatch) -> tuple[int, int]:
    """(run shown, documents) as the dashboard's query layer reads them now."""
    data._newest.clear()            # the newest publication is looked up at most once a second
    wh = data.warehouse()
    # the query on the version just seen (data.query looks it up again, and a second may have passed)
    return wh.run_no, data._run("document_count", (), wh.source, str(wh.path), wh.mtime_ns).item()


@pytest.fixture
def lake_dashboard(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    assert build_warehouse(corpus, tmp_path / "w.duckdb", tmp_path / "lake")["success"]
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    monkeypatch.setenv("RASD_DASHBOARD_SOURCE", "lake")
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "w.duckdb"))
    return corpus


def test_the_dashboard_reads_the_published_snapshot_while_a_run_commits_then_the_new_one(
        lake_dashboard, tmp_path, monkeypatch):
    corpus = lake_dashboard
    assert data.warehouse().source == "lake" and data.readiness().ok
    assert _read(monkeypatch) == (1, 5)
    (corpus / "another.txt").write_text("عنوان\n\nقتل مدنيان في قصف على بلدة معرة النعمان.\n", encoding="utf-8")
    paused, go = tmp_path / "paused", tmp_path / "go"
    # A second run that stops after committing ingest, clean and dedup until the test lets it go on.
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        import pipelines.defs.dedup.assets as assets
        real = assets.run_dedup
        def pausing(con, *settings):
            result = real(con, *settings)
            Path({str(paused)!r}).touch()
            while not Path({str(go)!r}).exists():
                time.sleep(0.05)
            return result
        assets.run_dedup = pausing
        from pipelines.cli import build_warehouse
        facts = build_warehouse(Path({str(corpus)!r}), Path({str(tmp_path / 'w.duckdb')!r}),
                                Path({str(tmp_path / 'lake')!r}))
        assert facts["success"] and facts["published"], facts
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(paused, proc)
        with lake.connect(lake_config(tmp_path / "lake"), read_only=True) as con:
            # the run has committed its new document, unpublished
            assert lake.current_snapshot(con) > lake.newest_publication(con).snapshot_id
            assert con.execute("select count(*) from documents").fetchone()[0] == 6
        assert _read(monkeypatch) == (1, 5)
        go.touch()
        seen = set()
        while proc.poll() is None:     # while it commits the rest: always one published run, whole
            run, n_docs = _read(monkeypatch)
            assert n_docs == {1: 5, 2: 6}[run]
            seen.add(run)
        assert proc.returncode == 0, proc.stderr.read()[-2000:]
    finally:
        go.touch()
        proc.wait(timeout=300)
    assert _read(monkeypatch) == (2, 6)
    assert 1 in seen


def test_as_of_run_reads_an_earlier_published_run(lake_dashboard, monkeypatch):
    corpus = lake_dashboard
    (corpus / "another.txt").write_text("عنوان\n\nجرح خمسة أطفال في قصف على حي الشعار في حلب.\n", encoding="utf-8")
    assert build_warehouse(corpus, corpus.parent / "w.duckdb", corpus.parent / "lake")["published"]
    assert _read(monkeypatch) == (2, 6)
    monkeypatch.setattr(data, "_as_of_run", lambda: 1)
    assert _read(monkeypatch) == (1, 5)
    runs = data.query("pipeline_runs")
    assert runs.height == 1                  # run 1's own view of history
