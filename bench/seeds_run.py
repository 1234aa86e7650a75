"""`make run` on the seeds into a clean data folder, timed as a person sees it, for one or more checkouts.

    python -m bench.seeds_run                          # this checkout, 7 runs
    python -m bench.seeds_run --repeat 7 . /path/to/other/checkout

Each run is ``python -m pipelines.cli run`` in a fresh process with ``RASD_LAKE`` and ``RASD_WAREHOUSE`` in
a new temporary folder (so every run builds from nothing), the checkout first on ``PYTHONPATH`` and this
virtual environment's Python; the checkouts take turns, so a busy spell of the machine hits each alike.
Wall seconds (interpreter start and imports included): min, median, max per checkout, and each other
checkout's median difference from the first within a round. ``RASD_CACHE`` is left as it is: a person's
second `make run` finds the built automata and the compiled claim lexicon there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_run(checkout: Path) -> float:
    """Seconds of one seeds run of ``checkout`` into a new data folder; raises when the run fails."""
    with tempfile.TemporaryDirectory(prefix="rasd-seeds-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(checkout), "RASD_LAKE": f"{tmp}/lake",
               "RASD_WAREHOUSE": f"{tmp}/warehouse.duckdb"}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=checkout, env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"the seeds run of {checkout} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[Path(".")])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    checkouts = [c.resolve() for c in args.checkouts]
    times: dict[Path, list[float]] = {c: [] for c in checkouts}
    for _ in range(args.repeat):
        for checkout in checkouts:
            times[checkout].append(time_run(checkout))
    for checkout, seconds in times.items():
        print(f"{checkout}: min {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s, "
              f"max {max(seconds):.2f} s ({len(seconds)} runs)")
    # The machine's speed drifts between rounds; the runs of one round are neighbours in time, so the
    # difference within a round says more than the difference of the medians.
    first, *others = checkouts
    for other in others:
        deltas = [b - a for a, b in zip(times[first], times[other], strict=True)]
        print(f"{other} - {first}: median {statistics.median(deltas):+.2f} s per round "
              f"({sum(d < 0 for d in deltas)} of {len(deltas)} rounds faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
