"""make run opens the lake and prepares the run in a thread while Dagster loads (lib/lake_ahead)."""

from __future__ import annotations

import pytest

from pipelines.lib import lake
from pipelines.lib.lake_ahead import close_unused, open_ahead, take_opened
from pipelines.lib.writer_lock import writer_lock
from pipelines.settings import lake_config


def _config(tmp_path):
    config = lake_config(lake_root=tmp_path / "lake")
    return config, config.lock_file(tmp_path / "lake" / "locks")


def test_nothing_is_opened_ahead_without_the_writer_lock(tmp_path):
    config, lock = _config(tmp_path)
    assert open_ahead(config, lock) is False
    assert take_opened(config) is None
    assert not (tmp_path / "lake" / "catalog.sqlite").exists()


def test_the_connection_opened_ahead_is_taken_once_with_the_tables_made(tmp_path):
    config, lock = _config(tmp_path)
    with writer_lock(lock, 5):
        assert open_ahead(config, lock) is True
        con = take_opened(config)
        assert con is not None
        assert take_opened(config) is None
        with con:
            tables = {t for (t,) in con.execute("select table_name from duckdb_tables() "
                                                "where database_name = 'lake'").fetchall()}
    assert {"raw_files", "document_texts", "document_decisions", "casualty_claims", "incidents", "run_log"} <= tables


def test_a_connection_no_run_took_is_closed(tmp_path):
    config, lock = _config(tmp_path)
    with writer_lock(lock, 5):
        open_ahead(config, lock)
        assert close_unused() == 1
        assert take_opened(config) is None
    # The lake it prepared opens again (nothing is left holding it).
    with lake.connect(config, read_only=True) as con:
        assert con.execute("select count(*) from raw_files").fetchone()[0] == 0


def test_an_error_opening_ahead_is_raised_to_whoever_takes_the_connection(tmp_path):
    config, lock = _config(tmp_path)
    (tmp_path / "lake").mkdir()
    (tmp_path / "lake" / "catalog.sqlite").write_text("not a sqlite file", encoding="utf-8")
    with writer_lock(lock, 5):
        open_ahead(config, lock)
        with pytest.raises(Exception, match="(?i)sqlite|database|file"):
            take_opened(config)


def test_make_run_takes_the_connection_it_opened_ahead(tmp_path, monkeypatch):
    import pipelines.defs.resources as resources
    from pipelines import cli
    from tests.conftest import SEEDS

    monkeypatch.setenv("RASD_CORPUS", str(SEEDS))
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "w.duckdb"))
    taken = []

    def recording(config):
        con = take_opened(config)
        taken.append(con is not None)
        return con

    monkeypatch.setattr(resources, "take_opened", recording)
    assert cli.main(["run"]) == 0
    assert taken == [True]
