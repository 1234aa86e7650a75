import os
import shutil

import dagster as dg
import pytest

from pipelines.defs.automation import build_corpus_sensor
from pipelines.defs.checks import FRAME_RULES
from pipelines.defs.resources import RasdSettings
from pipelines.lib.sql import sql_files


def test_definitions_graph():
    from pipelines.definitions import defs

    d = defs()
    graph = d.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {"raw_files", "raw_documents", "clean_documents", "sentences", "documents", "actors", "locations",
                    "actor_mentions", "location_mentions", "casualty_claims", "mart_claims", "mart_actor_mentions",
                    "mart_location_mentions", "mart_actor_pairs", "mart_doc_governorates", "filter_macros",
                    "incident_macros", "search_index", "search_macro", "incidents", "published_warehouse",
                    "lake_compaction"}
    parents = {k.to_user_string(): {p.to_user_string() for p in graph.get(k).parent_keys}
               for k in graph.get_all_asset_keys()}
    assert parents["documents"] == {"clean_documents"}
    assert parents["casualty_claims"] == {"actors", "locations", "actor_mentions", "location_mentions"}
    assert parents["incidents"] == {"casualty_claims", "documents"}
    assert "mart_claims" in parents["published_warehouse"]
    assert "incidents" in parents["mart_claims"]  # marts read the claims once incidents updated them
    assert parents["lake_compaction"] == {"published_warehouse"}
    assert d.resolve_schedule_def("lake_compaction_weekly").cron_schedule == "0 4 * * 0"
    assert d.resolve_schedule_def("rasd_daily").cron_schedule == "0 3 * * *"
    # one per rule file and per frame rule (test_checks names them)
    assert len(graph.asset_check_keys) == len(sql_files("checks")) + len(FRAME_RULES) == 39


def _settings(tmp_path):
    return RasdSettings(corpus_dir=str(tmp_path / "corpus"), warehouse_path=str(tmp_path / "w.duckdb"),
                        lake_dir=str(tmp_path / "lake"), reference_dir=str(tmp_path / "ref"))


def _look(sensor, settings, cursor):
    """One evaluation of the sensor, as the daemon makes it; what it returned and the cursor it left."""
    ctx = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    return sensor(ctx), ctx.cursor


def test_sensor_fires_on_new_changed_and_deleted_files_once_the_folder_settles(tmp_path):
    corpus = tmp_path / "corpus"
    settings = _settings(tmp_path)
    sensor = build_corpus_sensor(dg.DefaultSensorStatus.RUNNING)
    result, cursor = _look(sensor, settings, None)
    assert isinstance(result, dg.SkipReason) and "does not exist" in result.skip_message

    corpus.mkdir()
    (corpus / "a.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    # The first look after start-up only notes the folder: no run seconds after the daemon starts.
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason) and "waiting 120 s" in result.skip_message
    first, cursor = _look(sensor, settings, cursor)
    assert isinstance(first, dg.RunRequest)
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason) and result.skip_message == "no new, changed or deleted files"

    # A file arrives, then another while the first look waits: the run starts once the folder stays the same.
    (corpus / "b.txt").write_text("عنوان\n\nنص آخر", encoding="utf-8")
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason)
    (corpus / "c.txt").write_text("عنوان\n\nنص ثالث", encoding="utf-8")
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason)
    second, cursor = _look(sensor, settings, cursor)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key

    (corpus / "a.txt").unlink()
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason)
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.RunRequest)

    # A file that comes and goes between two looks: back as it was, nothing to run; when it comes again,
    # it waits one look again.
    extra = corpus / "d.txt"
    extra.write_text("عنوان\n\nنص رابع", encoding="utf-8")
    mtime_ns = extra.stat().st_mtime_ns
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason)
    extra.unlink()
    result, cursor = _look(sensor, settings, cursor)
    assert result.skip_message == "no new, changed or deleted files"
    extra.write_text("عنوان\n\nنص رابع", encoding="utf-8")
    os.utime(extra, ns=(mtime_ns, mtime_ns))  # the very listing seen two looks ago
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason) and "waiting" in result.skip_message
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.RunRequest)


def test_sensor_takes_an_old_cursor_and_skips_a_warehouse_that_already_reflects_the_corpus(tmp_path):
    from pipelines.cli import build_warehouse
    from pipelines.lib.ingest.listing import corpus_fingerprint
    from tests.conftest import REFERENCE, SEEDS

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    assert build_warehouse(corpus, tmp_path / "w.duckdb", tmp_path / "lake")["success"]
    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(tmp_path / "w.duckdb"),
                            lake_dir=str(tmp_path / "lake"), reference_dir=str(REFERENCE))
    sensor = build_corpus_sensor(dg.DefaultSensorStatus.RUNNING)
    # A cursor of the previous format (the fingerprint of the last run requested) still means "no change".
    result, _ = _look(sensor, settings, corpus_fingerprint(corpus))
    assert isinstance(result, dg.SkipReason) and result.skip_message == "no new, changed or deleted files"
    # A daemon started on a fresh instance after `make run` built the warehouse: nothing to run.
    result, cursor = _look(sensor, settings, None)
    result, cursor = _look(sensor, settings, cursor)
    assert isinstance(result, dg.SkipReason) and "already reflects" in result.skip_message
    result, cursor = _look(sensor, settings, cursor)
    assert result.skip_message == "no new, changed or deleted files"


def test_schedule_and_sensor_describe_themselves_and_the_sensor_is_off_in_development(monkeypatch):
    from pipelines.definitions import defs

    monkeypatch.delenv("RASD_CORPUS_SENSOR", raising=False)
    d = defs()
    schedule, sensor = d.resolve_schedule_def("rasd_daily"), d.resolve_sensor_def("corpus_sensor")
    assert "03:00 UTC" in schedule.description and schedule.execution_timezone == "UTC"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert "added, changed or removed" in sensor.description
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED
    assert sensor.minimum_interval_seconds == 120

    monkeypatch.setenv("RASD_CORPUS_SENSOR", "running")
    assert defs().resolve_sensor_def("corpus_sensor").default_status == dg.DefaultSensorStatus.RUNNING
    monkeypatch.setenv("RASD_CORPUS_SENSOR", "sometimes")
    with pytest.raises(ValueError, match="RASD_CORPUS_SENSOR"):
        defs()


def test_dg_check_defs_passes():
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import ROOT

    dg_cli = Path(sys.executable).parent / "dg"
    proc = subprocess.run([str(dg_cli), "check", "defs"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "All definitions loaded successfully" in proc.stdout + proc.stderr


def test_every_job_runs_its_steps_in_process():
    """The UI's "Materialize all" (the implicit asset job) and the named job both use the in-process executor."""
    from pipelines.definitions import defs

    d = defs()
    assert d.resolve_implicit_global_asset_job_def().executor_def is dg.in_process_executor
    assert d.resolve_job_def("rasd_pipeline").executor_def is dg.in_process_executor


def test_materialize_all_from_the_cli_runs_every_step_in_the_run_process(tmp_path):
    """What the UI's "Materialize all" launches, run as an operator would (`dagster asset materialize`):
    every step starts in the run's own process, and the run publishes the seeds warehouse."""
    import subprocess
    import sys
    from pathlib import Path

    from dagster._core.events import DagsterEventType

    from pipelines.definitions import ASSETS
    from tests.conftest import ROOT, SEEDS

    corpus, home = tmp_path / "corpus", tmp_path / "home"
    shutil.copytree(SEEDS, corpus)
    home.mkdir()
    env = {**os.environ, "DAGSTER_HOME": str(home), "RASD_CORPUS": str(corpus), "RASD_WORKERS": "1",
           "RASD_WAREHOUSE": str(tmp_path / "w.duckdb"), "RASD_LAKE": str(tmp_path / "lake")}
    dagster_cli = Path(sys.executable).parent / "dagster"
    proc = subprocess.run([str(dagster_cli), "asset", "materialize", "--select", "*", "-m", "pipelines.definitions"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "w.duckdb").exists()

    with dg.DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs()
        assert run.job_name == "__ASSET_JOB" and run.status == dg.DagsterRunStatus.SUCCESS
        events = instance.all_logs(run.run_id)
    step_starts = [e for e in events if e.dagster_event and e.dagster_event.event_type == DagsterEventType.STEP_START]
    # one step per asset definition (a multi-asset is one step, its contract checks included), the compaction
    assert len(step_starts) == len(ASSETS) + 1
    assert {e.dagster_event.pid for e in step_starts} == {e.dagster_event.pid for e in events if e.dagster_event
                                            and e.dagster_event.event_type == DagsterEventType.RUN_START}
    assert any("Executing steps in process" in (e.user_message or "") for e in events)
