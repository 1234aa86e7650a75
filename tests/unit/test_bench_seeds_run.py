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
