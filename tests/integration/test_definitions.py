import dagster as dg

from pipelines.defs.automation import corpus_sensor
from pipelines.defs.resources import RasdSettings


def test_definitions_graph():
    from pipelines.definitions import defs

    d = defs()
    graph = d.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {"raw_files", "raw_documents", "clean_documents", "sentences", "documents", "actors", "locations",
                    "actor_mentions", "location_mentions", "casualty_claims", "incidents", "marts",
                    "published_warehouse"}
    parents = {k.to_user_string(): {p.to_user_string() for p in graph.get(k).parent_keys}
               for k in graph.get_all_asset_keys()}
    assert parents["documents"] == {"clean_documents"}
    assert parents["casualty_claims"] == {"actors", "locations", "actor_mentions", "location_mentions"}
    assert parents["incidents"] == {"casualty_claims", "documents"}
    assert parents["marts"] == {"casualty_claims", "incidents", "documents"}
    assert parents["published_warehouse"] == {"marts"}
    assert d.resolve_schedule_def("rasd_daily").cron_schedule == "0 3 * * *"
    assert len(graph.asset_check_keys) == 13


def _settings(tmp_path):
    return RasdSettings(corpus_dir=str(tmp_path / "corpus"), warehouse_path=str(tmp_path / "w.duckdb"),
                        lake_dir=str(tmp_path / "lake"), reference_dir=str(tmp_path / "ref"))


def test_sensor_fires_on_new_changed_and_deleted_files(tmp_path):
    corpus = tmp_path / "corpus"
    settings = _settings(tmp_path)
    ctx = dg.build_sensor_context(resources={"settings": settings})
    assert isinstance(corpus_sensor(ctx), dg.SkipReason)  # no folder yet

    corpus.mkdir()
    (corpus / "a.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    ctx = dg.build_sensor_context(resources={"settings": settings})
    first = corpus_sensor(ctx)
    assert isinstance(first, dg.RunRequest)
    cursor = ctx.cursor

    ctx = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    assert isinstance(corpus_sensor(ctx), dg.SkipReason)

    (corpus / "b.txt").write_text("عنوان\n\nنص آخر", encoding="utf-8")
    ctx = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    second = corpus_sensor(ctx)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key
    cursor2 = ctx.cursor

    (corpus / "a.txt").unlink()
    ctx = dg.build_sensor_context(cursor=cursor2, resources={"settings": settings})
    assert isinstance(corpus_sensor(ctx), dg.RunRequest)


def test_dg_check_defs_passes():
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import ROOT

    dg_cli = Path(sys.executable).parent / "dg"
    proc = subprocess.run([str(dg_cli), "check", "defs"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "All definitions loaded successfully" in proc.stdout + proc.stderr
