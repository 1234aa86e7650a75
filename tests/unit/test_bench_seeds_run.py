"""bench.seeds_run times `make run` on the seeds for each checkout it is given, and says when a run fails."""

import pytest

from bench.seeds_run import time_run
from tests.conftest import ROOT


def test_a_failing_checkout_is_an_error_not_a_time(tmp_path):
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pipelines" / "cli.py").write_text("import sys\nprint('broken on purpose')\nsys.exit(3)\n",
                                                   encoding="utf-8")
    with pytest.raises(RuntimeError, match="broken on purpose"):
        time_run(tmp_path)


def test_this_checkout_runs_the_seeds():
    assert 0.5 < time_run(ROOT) < 300


def test_two_checkouts_are_compared_round_by_round(monkeypatch, capsys, tmp_path):
    import bench.seeds_run as seeds_run

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    # The machine slows down between rounds; b is 0.1 s faster within each round.
    times = iter([4.0, 3.9, 5.0, 4.9, 4.2, 4.1])
    monkeypatch.setattr(seeds_run, "time_run", lambda checkout: next(times))
    assert seeds_run.main(["--repeat", "3", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert f"{b} - {a}: median -0.10 s per round (3 of 3 rounds faster)" in out
    assert f"{a}: min 4.00 s, median 4.20 s, max 5.00 s (3 runs)" in out
