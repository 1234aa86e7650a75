"""DuckDB's threads follow the corpus size (auto) or the setting."""

from pipelines import settings
from pipelines.settings import duckdb_threads


def test_auto_takes_one_thread_for_a_small_corpus_and_every_core_for_a_large_one(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_DUCKDB_THREADS", "auto")
    monkeypatch.setattr(settings, "SMALL_CORPUS_BYTES", 1000)
    monkeypatch.setattr(settings.os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    small, large = tmp_path / "small", tmp_path / "large"
    (small / "a").mkdir(parents=True)
    (small / "a" / "x.txt").write_bytes(b"x" * 400)
    (large / "b").mkdir(parents=True)
    for n in range(3):
        (large / "b" / f"{n}.txt").write_bytes(b"x" * 400)
    settings.corpus_is_small.cache_clear()
    assert duckdb_threads(small) == 1
    assert duckdb_threads(large) == 3


def test_a_number_is_taken_as_it_is(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_DUCKDB_THREADS", "4")
    assert duckdb_threads(tmp_path) == 4
    monkeypatch.setenv("RASD_DUCKDB_THREADS", "0")
    assert duckdb_threads(tmp_path) == 1
