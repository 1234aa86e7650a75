"""What the extraction stages' worker processes cost over one process (issue 15: "worker processes add < 10% CPU").

On a copy of a lake a run built, each of the mentions and claims stages is run again over every document, once in
this process (a pool of one worker runs its parts inline) and once on a pool of ``--workers`` processes started and
warmed first (they import the code and load the reference data, as a run's pool does while the run begins). The CPU
of a run on the pool is this process's (reading batches, handing parts out, writing) plus the workers' during the
stage, read from the workers themselves (psutil); their start and warm-up is left out, as it overlaps the run's
first stages. Both modes write the same rows: each run's tables are compared with the first one's.

    python -m bench.generate 10000 /tmp/b10k --seed 7
    RASD_CORPUS=/tmp/b10k/corpus RASD_LAKE=/tmp/b10k/lake RASD_WAREHOUSE=/tmp/b10k/w.duckdb python -m pipelines.cli run
    python -m bench.worker_overhead /tmp/b10k/lake --repeat 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

STAGES = ("mentions", "claims")
# The tables each stage writes, compared between runs as sets of rows.
TABLES = {"mentions": ("actor_mentions", "location_mentions", "actors", "locations"), "claims": ("casualty_claims",)}


def overhead(inline_cpu_s: float, pool_cpu_s: float) -> float:
    """The share of CPU the pool adds over one process (0.1: 10% more)."""
    return round(pool_cpu_s / inline_cpu_s - 1, 3) if inline_cpu_s else 0.0


def _workers_cpu() -> float:
    """CPU seconds the live child processes of this process have used so far."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _digest(con, stage: str) -> dict[str, dict]:
    """Row count and SHA-256 of the rows of each table ``stage`` writes (``bench.outputs``' digest)."""
    from bench.outputs import table_digest

    return {table: table_digest(con, table) for table in TABLES[stage]}


def _run_stage(con, stage: str, reference: Path, cache: Path, workers: int) -> dict:
    """One run of ``stage`` over every document: its wall time, this process's CPU, the workers' CPU."""
    from pipelines.lib.batch_pool import WorkerPool
    from pipelines.stages import extract

    run: Callable = extract.run_mentions if stage == "mentions" else extract.run_claims
    con.execute("update stage_state set fingerprint = 'redo' where stage = ?", [stage])
    pool = extract.extraction_pool(workers, reference, cache) if workers > 1 else WorkerPool(1)
    try:
        if pool.workers > 1:
            pool.start()
            pool.release_memory(wait_s=0.2)     # one call per worker: every one has started and loaded its data
        before_workers, before_self = _workers_cpu(), time.process_time()
        start = time.perf_counter()
        result = run(con, reference, cache_dir=cache, pool=pool)
        wall = time.perf_counter() - start
        self_cpu, workers_cpu = time.process_time() - before_self, _workers_cpu() - before_workers
    finally:
        pool.close()
    return {"documents": result["documents_processed"], "wall_s": round(wall, 2), "main_cpu_s": round(self_cpu, 2),
            "workers_cpu_s": round(workers_cpu, 2), "cpu_s": round(self_cpu + workers_cpu, 2)}


def measure(lake_root: Path, workers: int = 2, repeat: int = 1, reference: Path | None = None) -> dict:
    """Each stage ``repeat`` times in each mode on a copy of the lake at ``lake_root``; the least CPU of each."""
    import pipelines
    from pipelines.lib.lake import connect
    from pipelines.settings import lake_config

    reference = reference or Path(pipelines.__file__).resolve().parents[1] / "seeds" / "reference"
    out: dict = {"workers": workers, "stages": {}}
    with tempfile.TemporaryDirectory(prefix="rasd-overhead-") as tmp:
        copy = Path(tmp) / "lake"
        shutil.copytree(lake_root, copy)
        cache = Path(tmp) / "cache"
        con = connect(lake_config(lake_root=copy))
        try:
            for stage in STAGES:
                runs: dict[str, list[dict]] = {"inline": [], "workers": []}
                expected = None
                for _ in range(repeat):
                    for mode, n in (("inline", 1), ("workers", workers)):
                        runs[mode].append(_run_stage(con, stage, reference, cache, n))
                        digest = _digest(con, stage)
                        expected = expected or digest
                        if digest != expected:
                            raise AssertionError(f"{stage}: the {mode} run wrote other rows than the first run")
                best = {mode: min(r, key=lambda x: x["cpu_s"]) for mode, r in runs.items()}
                out["stages"][stage] = {**best, "overhead": overhead(best["inline"]["cpu_s"], best["workers"]["cpu_s"])}
        finally:
            con.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lake", type=Path, help="a lake folder a pipeline run built (RASD_LAKE)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    result = measure(args.lake, args.workers, args.repeat)
    for stage, r in result["stages"].items():
        print(f"{stage}: one process {r['inline']['cpu_s']} CPU-s ({r['inline']['wall_s']} s); "
              f"{args.workers} workers {r['workers']['cpu_s']} CPU-s ({r['workers']['main_cpu_s']} in this process, "
              f"{r['workers']['workers_cpu_s']} in the workers; {r['workers']['wall_s']} s): "
              f"{100 * r['overhead']:+.1f}%")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
