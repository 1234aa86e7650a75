"""The fan-out without a cluster: each local mode keeps input order; a scheduler that cannot be used is named."""

import sys

import pytest

from pipelines.lib.compute import ComputeError, fan_out


def _square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("local", ["inline", "thread", 0, 1, 2])
def test_every_local_mode_keeps_input_order(local):
    assert list(fan_out(_square, iter(range(7)), "", local)) == [0, 1, 4, 9, 16, 25, 36]


def test_a_scheduler_without_dask_installed_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)      # what an install without the cluster extra sees
    with pytest.raises(ComputeError, match=r"dask.distributed is not installed: pip install -e '.\[cluster\]'"):
        list(fan_out(_square, range(3), "tcp://127.0.0.1:8786"))
