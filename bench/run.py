"""``make bench``: throughput, memory, dedup quality and incremental cost of the whole pipeline.

For each size N it generates (or reuses) a synthetic corpus with injected duplicates
(:mod:`bench.generate`), runs the real pipeline (every asset and check, as ``make run`` does) in a
fresh process on a fresh warehouse and lake, and records wall time, per-stage seconds (the run's
``run_log``), peak RSS, near-duplicate precision/recall against the injected pairs, and Rasd's dedup
against ``datasketch``'s MinHashLSH on the same texts. Then the incremental checks: a second run with
nothing changed, a run with 1% new files, and a run with one file changed and one deleted. Results go
to a JSON file and a Markdown table.

    python -m bench.run                       # N = 1,000 and 10,000 (a few minutes on 2 cores)
    python -m bench.run --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb

from bench.calibrate import calibration_line, machine_speed
from bench.generate import Generated, Pool, copy_earlier, generate, jaccard, load_pool, read_truth
from bench.pagecache import evict
from bench.quality import cluster_pairs, pair_scores, read_manifest_pairs
from pipelines.settings import PROJECT_ROOT

GENERATOR_VERSION = 2
DEFAULT_SIZES = (1000, 10000)
SHARED_DEV = PROJECT_ROOT.parent / "shared" / "corpus" / "dev"
SHARED_MANIFEST = PROJECT_ROOT.parent / "shared" / "corpus" / "MANIFEST-dev.tsv"
EXTRACT_STAGES = ("mentions", "claims")
STAGES = ("ingest", "clean", "dedup", "extract", "marts")


def default_sources(extra: Path | None = None) -> list[Path]:
    """Source articles for the generator: the seeds, plus the extra corpus (default: the shared dev one)."""
    extra = extra if extra is not None else (SHARED_DEV if SHARED_DEV.is_dir() else None)
    return [PROJECT_ROOT / "seeds" / "articles"] + ([extra] if extra else [])


# --- the pipeline, in a process of its own ---------------------------------------------------------------

def _own_cpu_s() -> float:
    """CPU seconds of this process and its reaped children (the extraction workers, once they exit)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _worker(corpus: Path, warehouse: Path, lake: Path, out: Path, reference: Path | None = None) -> int:
    """Run the pipeline once in this process (on the reference data in ``reference``, default the project's)
    and write its facts, run_log and peak RSS to ``out``."""
    import logging

    from pipelines.stages import common

    # Each stage's end on the wall clock, so the sampler's CPU series can be cut into stages. Patched before
    # any stage module imports ``log_stage`` by name.
    stage_ends: dict[str, float] = {}
    log_stage = common.log_stage

    def log_stage_and_time(con, stage: str, *args) -> None:
        stage_ends[stage] = time.time()
        log_stage(con, stage, *args)

    common.log_stage = log_stage_and_time
    # The release file's refresh (in the publish step, after the lake's publication): timed apart, since it is a
    # whole copy of the published tables on a cold run and not the contract checks or Dagster's own work.
    from pipelines.lib import release

    refresh = release.refresh_release_file
    release_s: list[float] = []

    def refresh_and_time(*args, **kwargs):
        start = time.time()
        try:
            return refresh(*args, **kwargs)
        finally:
            stage_ends["release"] = time.time()
            release_s.append(stage_ends["release"] - start)

    release.refresh_release_file = refresh_and_time   # before the publish asset imports it by name
    from pipelines.cli import build_warehouse

    logging.getLogger("dagster").setLevel(logging.WARNING)
    startup_cpu_s = _own_cpu_s()
    facts = build_warehouse(corpus, warehouse, lake, reference, raise_on_error=False,
                            freeze_loaded=True)   # as make run
    cpu_s = _own_cpu_s()
    run_log = {}
    if warehouse.exists():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            run_log = {r[0]: {"processed": r[1], "changed": r[2], "seconds": r[3]}
                       for r in con.execute("select stage, n_processed, n_changed, seconds from run_log").fetchall()}
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    out.write_text(json.dumps({"facts": facts, "run_log": run_log, "peak_rss_mb": round(peak_kb / 1024, 1),
                               "stage_ends": stage_ends, "release_s": round(sum(release_s), 3) if release_s else None,
                               "startup_cpu_s": round(startup_cpu_s, 3),
                               "cpu_s": round(cpu_s, 3)}, default=str), encoding="utf-8")
    return 0 if facts.get("success") else 1


def _watch_tree(proc: subprocess.Popen, every_s: float = 0.2,
                timeout_s: float | None = None) -> tuple[float, list[tuple[float, float]], list[tuple[float, float]]]:
    """Wait for ``proc`` (killing it and its descendants after ``timeout_s``); the largest sum of resident
    memory of it and its descendants seen meanwhile, in MB, the process tree's cumulative CPU seconds over time
    as (wall clock, CPU s) samples, and its resident memory over time as (wall clock, MB) samples.

    Extraction runs in spawned worker processes, so the pipeline's memory is the whole process tree's,
    not the largest single process (which is all ``ru_maxrss`` can tell). Sampled, so a spike shorter
    than ``every_s`` can be missed. CPU is the root's own time, its reaped children's, and every live
    descendant's.
    """
    import psutil

    peak = 0
    cpu: list[tuple[float, float]] = []
    rss: list[tuple[float, float]] = []
    root = psutil.Process(proc.pid)
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while proc.poll() is None:
        if deadline is not None and time.monotonic() > deadline:
            _kill_tree(root)
            proc.wait()
            break
        total = used = 0.0
        try:
            t = root.cpu_times()
            used = t.user + t.system + t.children_user + t.children_system
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                    if p.pid != root.pid:
                        c = p.cpu_times()
                        used += c.user + c.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        if used:
            cpu.append((time.time(), used))
        if total:
            rss.append((time.time(), round(total / 2**20, 1)))
        time.sleep(every_s)
    return round(peak / 2**20, 1), cpu, rss


def _kill_tree(root) -> None:
    """Kill a ``psutil.Process`` and every process under it."""
    import psutil

    for p in [*root.children(recursive=True), root]:
        try:
            p.kill()
        except psutil.Error:
            pass


# How long a bench run may take before it is killed and reported as failed: a run that never finishes (a query
# DuckDB never completed, see release._changed_keys) would otherwise hold the bench for ever. A cold 100,000-article
# run takes 3-4 minutes on two cores.
RUN_TIMEOUT_S = 3600.0


def run_pipeline(corpus: Path, warehouse: Path, lake: Path, log: Path, reference: Path | None = None,
                 timeout_s: float = RUN_TIMEOUT_S) -> dict:
    """One ``make run``-equivalent in a fresh Python process; adds its wall time (imports included).

    A run that fails (a blocking contract check, an exception in a stage) comes back with ``ok`` false
    and the error lines of its log, so the benchmark can report it and go on; so does a run still going after
    ``timeout_s`` (killed).
    """
    out = warehouse.with_suffix(".run.json")
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "bench.run", "--worker", str(corpus), str(warehouse), str(lake), str(out)]
    if reference is not None:
        cmd.append(str(reference))
    offset = log.stat().st_size if log.exists() else 0
    start = time.perf_counter()
    with log.open("a", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=fh, stderr=subprocess.STDOUT)
        tree_peak_mb, cpu_samples, rss_samples = _watch_tree(proc, timeout_s=timeout_s)
    wall = time.perf_counter() - start
    killed = wall >= timeout_s and not out.exists()
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"facts": {}, "run_log": {}}
    result["wall_s"] = round(wall, 2)
    result["peak_tree_rss_mb"] = tree_peak_mb
    result["cpu_samples"] = cpu_samples
    result["rss_samples"] = rss_samples
    result["ok"] = bool(result["facts"].get("success"))
    if not result["ok"]:
        with log.open(encoding="utf-8", errors="replace") as fh:
            fh.seek(offset)
            errors = [line.strip() for line in fh if "ERROR" in line or line.startswith(("E ", "dagster._core.errors"))
                      or "Error:" in line]
        result["error"] = (f"killed after {timeout_s:.0f} s, unfinished" if killed else
                           " | ".join(dict.fromkeys(errors[:6])) or f"no result; see {log}")
    return result


def stage_seconds(run: dict) -> dict:
    log = run["run_log"]
    out = {s: round(log.get(s, {}).get("seconds", 0.0), 2) for s in ("ingest", "clean", "dedup", "marts")}
    out["extract"] = round(sum(log.get(s, {}).get("seconds", 0.0) for s in EXTRACT_STAGES), 2)
    out["checks_publish_dagster"] = round(run["facts"]["elapsed_s"] - sum(out.values()), 2)
    out["startup"] = round(run["wall_s"] - run["facts"]["elapsed_s"], 2)
    return out


TABLE_STAGES = ("ingest", "clean", "dedup", "mentions", "claims", "incidents", "marts")


def stage_table(run: dict, floors: dict | None) -> list[dict]:
    """Per stage: wall s (``run_log``), CPU s of the whole process tree over the stage's interval (cut from
    the sampler's series at the times the stages logged their end), the floor's CPU s and CPU / floor, and
    the largest resident memory of the process tree sampled within the stage (MB). "release" is the release
    file's refresh in the publish step (``release_s``, timed around ``refresh_release_file``; a cold run copies
    every published table into it). "checks+publish+dagster" is the rest of the materialisation (its memory:
    the samples outside every stage), the whole run's CPU and memory its process tree's."""
    import numpy as np

    samples = run.get("cpu_samples") or []
    memory = run.get("rss_samples") or []
    ends, log = run.get("stage_ends", {}), run["run_log"]
    times = np.array([t for t, _ in samples]) if samples else np.zeros(0)
    used = np.array([c for _, c in samples]) if samples else np.zeros(0)
    mem_times = np.array([t for t, _ in memory]) if memory else np.zeros(0)
    mem_mb = np.array([m for _, m in memory]) if memory else np.zeros(0)
    in_stage = np.zeros(len(mem_times), dtype=bool)
    floor = (floors or {}).get("stages", {})
    rows, stage_wall, stage_cpu = [], 0.0, 0.0
    walls = {stage: log[stage]["seconds"] for stage in TABLE_STAGES if stage in log}
    if run.get("release_s") is not None:
        walls["release"] = run["release_s"]
    for stage, wall in walls.items():
        cpu = peak = None
        if stage in ends and len(times) > 1:
            end = ends[stage]
            cpu = float(np.interp(end, times, used) - np.interp(end - wall, times, used))
            stage_cpu += cpu
        if stage in ends and len(mem_times):
            within = (mem_times >= ends[stage] - wall) & (mem_times <= ends[stage])
            in_stage |= within
            peak = float(mem_mb[within].max()) if within.any() else None
        stage_wall += wall
        rows.append(_row(stage, wall, cpu, floor.get(stage), peak))
    total_cpu = run.get("cpu_s")
    rest_cpu = total_cpu - run.get("startup_cpu_s", 0.0) - stage_cpu if total_cpu is not None else None
    rest_peak = float(mem_mb[~in_stage].max()) if (~in_stage).any() else None
    rows.append(_row("checks+publish+dagster", run["facts"]["elapsed_s"] - stage_wall, rest_cpu,
                     floor.get("checks_publish_dagster"), rest_peak))
    rows.append(_row("whole run", run["wall_s"], total_cpu, sum(floor.values()) if floor else None,
                     float(mem_mb.max()) if len(mem_mb) else None))
    return rows


def _row(stage: str, wall: float, cpu: float | None, floor: float | None, peak_mb: float | None = None) -> dict:
    return {"stage": stage, "wall_s": round(wall, 2), "cpu_s": None if cpu is None else round(cpu, 2),
            "floor_cpu_s": None if floor is None else round(floor, 3),
            "over_floor": round(cpu / floor, 1) if cpu is not None and floor else None,
            "peak_mb": None if peak_mb is None else round(peak_mb)}


def stage_markdown(rows: list[dict]) -> str:
    lines = ["| stage | wall s | CPU s | floor CPU s | CPU / floor | peak MB (all processes) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        cells = [r["stage"], r["wall_s"], r["cpu_s"], r["floor_cpu_s"], r["over_floor"], r.get("peak_mb")]
        lines.append("| " + " | ".join("—" if c is None else str(c) for c in cells) + " |")
    return "\n".join(lines)


# Issue 15's target: articles a second end to end on two cores.
TARGET_ARTICLES_PER_S = 1000
# Its per-stage target: every stage within this factor of its floor.
TARGET_OVER_FLOOR = 1.5
EXTRACTION_STAGES = ("mentions", "claims")


def budget_line(n: int, rows: list[dict], cores: int = 2, target: float = TARGET_ARTICLES_PER_S) -> str | None:
    """What the CPU alone allows: the run's CPU-ms per article (extraction's and the rest's) against the budget
    ``target`` articles a second on ``cores`` cores leaves (``cores`` CPU-s a second), and the rate at which the
    process tree would run with every core busy the whole run. No wall-clock saving can beat that rate; only less
    CPU can. None without the whole run's CPU."""
    by_stage = {r["stage"]: r for r in rows}
    total = by_stage.get("whole run", {}).get("cpu_s")
    if not total or not n:
        return None
    extraction = sum(by_stage[s]["cpu_s"] or 0.0 for s in EXTRACTION_STAGES if s in by_stage)
    per = 1000 * total / n
    ceiling = n * cores / total
    return (f"N = {n:,}: {per:.2f} CPU-ms an article (mentions and claims {1000 * extraction / n:.2f}, the rest "
            f"{1000 * (total - extraction) / n:.2f}); {target:,.0f} articles/s on {cores} cores allows "
            f"{1000 * cores / target:.2f}: with every core busy the whole run this CPU runs at most "
            f"{ceiling:,.0f} articles/s")


def floors_line(n: int, rows: list[dict], cores: int = 2, over_floor: float = TARGET_OVER_FLOOR) -> str | None:
    """What the issue's per-stage target would give: the run's CPU with every stage that has a floor at ``over_floor``
    times it (one already under stays as it is) and the others (incidents, marts, the start-up) as measured, and
    the same with every such stage at its floor itself; each as CPU-ms an article and the rate with every core busy
    the whole run. None without the whole run's CPU or any floor."""
    by_stage = {r["stage"]: r for r in rows}
    total = by_stage.get("whole run", {}).get("cpu_s")
    stages = [r for r in rows if r["stage"] != "whole run"]
    if not total or not n or not any(r["floor_cpu_s"] for r in stages) or any(r["cpu_s"] is None for r in stages):
        return None
    outside = total - sum(r["cpu_s"] for r in stages)            # the start-up, in no stage's row
    unfloored = outside + sum(r["cpu_s"] for r in stages if not r["floor_cpu_s"])
    floored = [r for r in stages if r["floor_cpu_s"]]
    at_target = unfloored + sum(min(r["cpu_s"], over_floor * r["floor_cpu_s"]) for r in floored)
    at_floor = unfloored + sum(min(r["cpu_s"], r["floor_cpu_s"]) for r in floored)
    return (f"N = {n:,}: every stage with a floor at {over_floor:g}x it or under, the rest as measured "
            f"({1000 * unfloored / n:.2f} CPU-ms an article): {1000 * at_target / n:.2f} CPU-ms an article, at most "
            f"{n * cores / at_target:,.0f} articles/s on {cores} cores; every such stage at its floor: "
            f"{1000 * at_floor / n:.2f}, at most {n * cores / at_floor:,.0f} articles/s")


# --- corpora ---------------------------------------------------------------------------------------------

def prepare_corpus(n: int, root: Path, pool: Pool, seed: int, vary: bool = False) -> Generated:
    """The corpus of size ``n`` under ``root``, generated unless an identical one is already there (``vary``: its
    counts drawn anew per article, ``generate``)."""
    manifest = root / "manifest.json"
    wanted = {"n": n, "seed": seed, "pool": pool.fingerprint(), "generator": GENERATOR_VERSION, "vary": vary}
    if manifest.exists():
        # A manifest written before --vary-numbers existed is of a corpus whose counts were not varied.
        have = {"vary": False, **json.loads(manifest.read_text(encoding="utf-8"))}
        if {k: have.get(k) for k in wanted} == wanted:
            return Generated(root / "corpus", root / "truth.tsv", n, have["bytes"], have["exact"], have["near"])
    shutil.rmtree(root, ignore_errors=True)
    gen = generate(n, root / "corpus", root / "truth.tsv", pool, seed=seed, vary=vary)
    manifest.write_text(json.dumps({**wanted, "bytes": gen.n_bytes, "exact": gen.n_exact, "near": gen.n_near}),
                        encoding="utf-8")
    return gen


def _fresh(*paths: Path) -> None:
    for p in paths:
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    for p in paths:
        for extra in (p.with_name(p.name + ".wal"), p.with_name(p.name + ".building")):
            extra.unlink(missing_ok=True)


# --- how often the corpus repeats itself -------------------------------------------------------------------

def text_repetition(warehouse: Path) -> dict:
    """How many sentences the run cut and how many distinct texts they hold, and the same for the claims' evidence
    sentences. The generator recombines a few thousand real paragraphs, so a generated corpus repeats each
    sentence many times (the 100k corpus: 0.8% of its sentences distinct) where news holds few repeats (the dev
    corpus: 91%). Work done once per distinct text (a cache by sentence) looks far cheaper here than on real
    articles: read the figures with this beside them."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sentences, distinct_sentences, claims, distinct_evidence = con.execute(
            "select (select count(*) from sentences), (select count(distinct text) from sentences), "
            "(select count(*) from casualty_claims), (select count(distinct evidence) from casualty_claims)"
        ).fetchone()
    return {"sentences": sentences, "distinct_sentences": distinct_sentences, "claims": claims,
            "distinct_evidence_sentences": distinct_evidence}


def repetition_line(n: int, rep: dict) -> str:
    share = rep["distinct_sentences"] / rep["sentences"] if rep["sentences"] else 0.0
    return (f"N = {n:,}: {rep['sentences']:,} sentences, {rep['distinct_sentences']:,} distinct ({share:.1%}); "
            f"{rep['claims']:,} claims from {rep['distinct_evidence_sentences']:,} distinct evidence sentences")


# --- dedup quality and the datasketch reference --------------------------------------------------------

def _documents(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select doc_id, status, duplicate_of, text_norm, norm_sha256 from documents "
            "where status <> 'deleted' order by doc_id"
        ).fetchall()


def dedup_quality(warehouse: Path, truth: list[dict], threshold: float, with_reference: bool) -> dict:
    from bench.reference import datasketch_dedup, rasd_dedup

    docs = _documents(warehouse)
    canonical = {d[0]: d[2] or d[0] for d in docs}
    out: dict = {"pipeline": pair_scores(cluster_pairs(canonical), truth)}
    if with_reference:
        ids, texts, hashes = [d[0] for d in docs], [d[3] for d in docs], [d[4] for d in docs]
        rasd = rasd_dedup(ids, texts, hashes, threshold)
        ref = datasketch_dedup(ids, texts, threshold)
        out["rasd_pure"] = {"seconds": rasd["seconds"], **_short(pair_scores(cluster_pairs(rasd["canonical"]), truth))}
        out["datasketch"] = {"seconds": ref["seconds"], "bands": ref["bands"], "rows": ref["rows"],
                             **_short(pair_scores(cluster_pairs(ref["canonical"]), truth))}
        out["rasd_over_datasketch"] = round(rasd["seconds"] / ref["seconds"], 4) if ref["seconds"] else None
    return out


def _short(scores: dict) -> dict:
    return {k: v for k, v in scores.items() if not k.startswith(("missed", "false"))}


def manifest_check(work: Path, log: Path, extra: Path, manifest: Path) -> dict:
    """The dev corpus through the pipeline; which of MANIFEST-dev.tsv's known duplicate pairs it groups."""
    wh, lake = work / "dev.duckdb", work / "dev-lake"
    _fresh(wh, lake)
    run = run_pipeline(extra, wh, lake, log)
    if not run["ok"]:
        return {"failed": run["error"]}
    docs = {d[0]: d for d in _documents(wh)}
    canonical = {k: d[2] or k for k, d in docs.items()}
    rows = []
    for pair in read_manifest_pairs(manifest):
        a, b = docs.get(pair["doc_id"]), docs.get(pair["source_id"])
        rows.append({
            "doc_id": pair["doc_id"], "dup_of": pair["source_id"], "dup_type": pair["kind"],
            "caught": bool(a and b and canonical[a[0]] == canonical[b[0]]),
            "jaccard": round(jaccard(a[3], b[3]), 3) if a and b else None,
        })
    caught = {t: sum(r["caught"] for r in rows if r["dup_type"] == t) for t in sorted({r["dup_type"] for r in rows})}
    total = {t: sum(1 for r in rows if r["dup_type"] == t) for t in caught}
    return {"pairs": rows, "caught": caught, "total": total,
            "n_duplicates_marked": sum(1 for d in docs.values() if d[1] == "duplicate")}


# --- incremental runs ----------------------------------------------------------------------------------

def _failure(run: dict) -> dict:
    return {"failed": run.get("error", "unknown error"), "wall_s": run["wall_s"]}


def _copy_state(warehouse: Path, lake: Path, to_warehouse: Path, to_lake: Path) -> None:
    """The warehouse file and the lake folder copied to ``to_warehouse`` and ``to_lake`` (replaced). The lake's
    Parquet files are never written again once written (DuckLake adds files): they are linked, not copied."""
    _fresh(to_warehouse, to_lake)
    shutil.copy2(warehouse, to_warehouse)
    shutil.copytree(lake, to_lake, copy_function=lambda src, dst: (
        os.link(src, dst) if src.endswith(".parquet") else shutil.copy2(src, dst)))


def plus_one_percent(gen: Generated, warehouse: Path, lake: Path, log: Path, full: dict, n_new: int,
                     runs: int, timeout_s: float = RUN_TIMEOUT_S, saved: tuple[Path, Path] | None = None) -> dict:
    """The run after 1% new files, ``runs`` times from the same lake (put back between runs): one run's wall time
    moves by several percent on a shared machine, as much as the target's margin, so the median is reported
    with every run's time. The warehouse and lake are left as the last run made them. ``saved``: a warehouse
    file and lake the caller already copied the starting state to (kept); else a copy of this call's own."""
    kept_warehouse, kept_lake = saved or (warehouse.with_name("before-plus-1pct.duckdb"),
                                          lake.with_name("before-plus-1pct"))
    if runs > 1 and saved is None:
        _copy_state(warehouse, lake, kept_warehouse, kept_lake)
    walls, last = [], {}
    try:
        for k in range(runs):
            if k:
                _copy_state(kept_warehouse, kept_lake, warehouse, lake)
            # Copying the starting state (and writing the new files) leaves about a gigabyte of dirty pages at
            # 100,000 articles; the timed run's first fsync (the release file's commit) then waited for the kernel
            # to write them out: 0.47 s of wall time against 0.04 s after a sync, the run's median 14.49 -> 13.97 s.
            # A pipeline run does not start right after such a copy, so the bench writes them out first.
            os.sync()
            last = run_pipeline(gen.corpus, warehouse, lake, log, timeout_s=timeout_s)
            if not last["ok"]:
                return _failure(last)
            walls.append(last["wall_s"])
    finally:
        if saved is None:
            _fresh(kept_warehouse, kept_lake)
    return {
        "new_files": n_new, "wall_s": round(statistics.median(walls), 2), "wall_s_runs": walls,
        "wall_share_of_full_run": round(statistics.median(walls) / full["wall_s"], 4),
        "files_read": last["facts"].get("files_read"), "docs_processed": last["facts"].get("docs_processed"),
        "docs_processed_full_run": full["facts"].get("docs_processed"),
        "extract_s": stage_seconds(last)["extract"], "extract_s_full_run": stage_seconds(full)["extract"],
        "stages": stage_seconds(last),
    }


# A file the mentions stage reads, so both extraction stages take another version (the claims read the mentions).
# Until 2026-12-06 the bench edited the claim lexicon, which then re-extracted both stages too; now it re-extracts
# the claims alone (pipelines/lib/reference/version.py).
EDITED_REFERENCE_FILE = "person_roles.yaml"


def edited_reference(reference: Path, to: Path) -> Path:
    """A copy of the reference folder ``reference`` at ``to`` whose person roles end with one more comment line:
    the same dictionaries under another version, so a run on it extracts every document again (mentions and
    claims; its incidents placed and the marts built again), as after an analyst edits a dictionary."""
    _fresh(to)
    shutil.copytree(reference, to)
    with (to / EDITED_REFERENCE_FILE).open("a", encoding="utf-8") as fh:
        fh.write("\n# bench: the same reference data under another version\n")
    return to


def incremental(gen: Generated, warehouse: Path, lake: Path, pool: Pool, seed: int, full: dict, log: Path,
                plus_runs: int = 3, vary: bool = False) -> dict:
    """No change; +1% new files (``plus_runs`` times, see ``plus_one_percent``); one changed and one deleted file;
    the reference data edited (every document extracted again). The corpus is restored afterwards. Each
    run is killed after three times the cold run (at least 10 minutes) and reported as failed."""
    out: dict = {}
    timeout_s = max(600.0, 3 * full["wall_s"])
    stat = warehouse.stat()
    run = run_pipeline(gen.corpus, warehouse, lake, log, timeout_s=timeout_s)
    after = warehouse.stat()
    out["no_change"] = _failure(run) if not run["ok"] else {
        "wall_s": run["wall_s"], "pipeline_s": run["facts"]["elapsed_s"],
        "files_read": run["facts"].get("files_read"), "docs_processed": run["facts"].get("docs_processed"),
        "published": run["facts"].get("published"),
        "warehouse_untouched": (stat.st_ino, stat.st_mtime_ns) == (after.st_ino, after.st_mtime_ns),
    }

    # The same, the way `make run` does it: the CLI compares an input digest before importing Dagster.
    env = {**os.environ, "RASD_CORPUS": str(gen.corpus), "RASD_WAREHOUSE": str(warehouse), "RASD_LAKE": str(lake)}
    start = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT_ROOT, env=env,
                         capture_output=True, text=True, check=False)
    after_cli = warehouse.stat()
    out["no_change_make_run"] = {
        "wall_s": round(time.perf_counter() - start, 2), "ok": cli.returncode == 0,
        "summary": cli.stdout.strip().splitlines()[:1],
        "warehouse_untouched": (stat.st_ino, stat.st_mtime_ns) == (after_cli.st_ino, after_cli.st_mtime_ns),
    }

    new_dir = gen.corpus / "zz-incremental"
    before_new = (warehouse.with_name("before-new-files.duckdb"), lake.with_name("before-new-files"))
    n_new = max(1, gen.n_files // 100)
    changed = sorted((gen.corpus / "0000").glob("*.txt"))[:2]
    saved = {p: p.read_bytes() for p in changed}
    try:
        generate(n_new, new_dir, new_dir.parent.parent / "incremental-truth.tsv", pool, seed=seed + 1,
                 exact_rate=0.0, near_rate=0.0, prefix="n", vary=vary)
        earlier = sorted(p for p in gen.corpus.rglob("*.txt") if new_dir not in p.parents)
        _copy_state(warehouse, lake, *before_new)
        out["plus_1pct"] = plus_one_percent(gen, warehouse, lake, log, full, n_new, plus_runs, timeout_s,
                                            saved=before_new)
        # The same new files with the generator's shares of copies (5% exact, 10% near) turned into copies of
        # articles run before, as wire copy of a story comes in after it: a copy that is longer than its source
        # makes the source a duplicate, so old articles change their dedup decision too.
        _copy_state(*before_new, warehouse, lake)
        copies = copy_earlier(sorted(new_dir.rglob("*.txt")), earlier, seed=seed + 2)
        out["plus_1pct_copies"] = {
            **plus_one_percent(gen, warehouse, lake, log, full, n_new, plus_runs, timeout_s, saved=before_new),
            "copies_exact": sum(kind == "exact" for _, _, kind in copies),
            "copies_near": sum(kind == "near" for _, _, kind in copies),
        }
        edited, removed = changed
        edited.write_bytes(saved[edited] + "\nفقرة أضيفت إلى الخبر بعد نشره.\n".encode())
        removed.unlink()
        run = run_pipeline(gen.corpus, warehouse, lake, log, timeout_s=timeout_s)
        if not run["ok"]:
            out["change_and_delete"] = _failure(run)
        else:
            with duckdb.connect(str(warehouse), read_only=True) as con:
                status = dict(con.execute("select doc_id, status from documents where doc_id in (?, ?)",
                                          [edited.stem, removed.stem]).fetchall())
                text = con.execute("select text from documents where doc_id = ?", [edited.stem]).fetchone()[0]
            out["change_and_delete"] = {
                "wall_s": run["wall_s"], "files_read": run["facts"].get("files_read"),
                "docs_processed": run["facts"].get("docs_processed"),
                "changed_doc_reprocessed": text.endswith("فقرة أضيفت إلى الخبر بعد نشره."),
                "deleted_doc_status": status.get(removed.stem),
            }
        edited_ref = edited_reference(PROJECT_ROOT / "seeds" / "reference", gen.corpus.parent / "reference-edited")
        run = run_pipeline(gen.corpus, warehouse, lake, log, reference=edited_ref, timeout_s=timeout_s)
        out["reference_edited"] = _failure(run) if not run["ok"] else {
            "wall_s": run["wall_s"], "wall_share_of_full_run": round(run["wall_s"] / full["wall_s"], 4),
            "docs_extracted": run["run_log"].get("mentions", {}).get("processed"),
            "claims_docs_extracted": run["run_log"].get("claims", {}).get("processed"),
            "release_s": run.get("release_s"), "stages": stage_seconds(run),
        }
    finally:
        _fresh(*before_new)
        shutil.rmtree(new_dir, ignore_errors=True)
        for path, data in saved.items():
            path.write_bytes(data)
    return out


# --- one size, the table ---------------------------------------------------------------------------------

def bench_size(n: int, args: argparse.Namespace, pool: Pool) -> dict:
    work = args.work / (f"n{n}-s{args.seed}" + ("-varied" if args.vary_numbers else ""))
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    gen = prepare_corpus(n, work, pool, args.seed, args.vary_numbers)
    print(f"[bench] N={n}: corpus ready ({gen.n_bytes / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s", flush=True)
    wh, lake, log = work / "warehouse.duckdb", work / "lake", work / "pipeline.log"
    _fresh(wh, lake, log)
    # The cold run reads its corpus from the disk, whatever an earlier run or the generator left in the cache.
    evicted = 0 if args.cached_corpus else evict(gen.corpus)
    full = run_pipeline(gen.corpus, wh, lake, log)
    if not full["ok"]:
        print(f"[bench] N={n}: the pipeline run failed: {full['error']}", flush=True)
        return {"n": n, "mb": round(gen.n_bytes / 1e6, 2), "failed": full["error"], "wall_s": full["wall_s"]}
    stages = stage_seconds(full)
    result: dict = {
        "n": n, "mb": round(gen.n_bytes / 1e6, 2), "injected_exact": gen.n_exact, "injected_near": gen.n_near,
        "corpus_files_evicted": evicted, "wall_s": full["wall_s"], "pipeline_s": full["facts"]["elapsed_s"],
        "articles_per_s": round(n / full["wall_s"], 1), "mb_per_s": round(gen.n_bytes / 1e6 / full["wall_s"], 2),
        "peak_rss_mb": full["peak_rss_mb"], "peak_tree_rss_mb": full["peak_tree_rss_mb"],
        "stages": stages, "run_log": full["run_log"],
        "docs_processed": full["facts"].get("docs_processed"), "warehouse_mb": round(wh.stat().st_size / 1e6, 1),
    }
    print(f"[bench] N={n}: full run {full['wall_s']:.1f} s, stages {stages}", flush=True)
    result["text_repetition"] = text_repetition(wh)
    print(f"[bench] {repetition_line(n, result['text_repetition'])}", flush=True)
    from bench.floors import measure_floors

    result["floors"] = measure_floors(gen.corpus, wh)
    result["stage_table"] = stage_table(full, result["floors"])
    print(f"[bench] N={n}: stages against their floors (CPU s, one process for the floors)\n"
          + stage_markdown(result["stage_table"]), flush=True)
    result["dedup"] = dedup_quality(wh, read_truth(gen.truth), args.threshold, not args.no_reference)
    print(f"[bench] N={n}: dedup {_short(result['dedup']['pipeline'])}; "
          f"pure {result['dedup'].get('rasd_pure')}; datasketch {result['dedup'].get('datasketch')}", flush=True)
    if not args.no_incremental:
        result["incremental"] = incremental(gen, wh, lake, pool, args.seed, full, log, args.plus_runs,
                                            args.vary_numbers)
        print(f"[bench] N={n}: incremental {result['incremental']}", flush=True)
    return result


def markdown(results: list[dict]) -> str:
    head = ("| N | MB | wall s | articles/s | MB/s | peak RSS MB (all processes) "
            "| ingest | clean | dedup | extract | marts "
            "| checks+publish+dagster | startup | near-dup P | near-dup R | dedup s (pure) | datasketch s "
            "| Rasd/datasketch | no-change run s (`make run` s) | +1%: docs extracted (full run) "
            "| +1% s, median (share of the full run) | +1% with copies of earlier articles: s (share) "
            "| reference edited: s (share of the full run) |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        if "failed" in r:
            lines.append(f"| {r['n']:,} | {r['mb']} | failed after {r['wall_s']} s: {r['failed'][:200]} |")
            continue
        s, d = r["stages"], r["dedup"]
        inc = r.get("incremental", {})
        plus = inc.get("plus_1pct", {})
        copies = inc.get("plus_1pct_copies", {})
        edited = inc.get("reference_edited", {})
        ref = d.get("datasketch", {})
        lines.append(
            f"| {r['n']:,} | {r['mb']} | {r['wall_s']} | {r['articles_per_s']} | {r['mb_per_s']} "
            f"| {r['peak_tree_rss_mb']} "
            f"| {s['ingest']} | {s['clean']} | {s['dedup']} | {s['extract']} | {s['marts']} "
            f"| {s['checks_publish_dagster']} | {s['startup']} "
            f"| {d['pipeline']['precision']} | {d['pipeline'].get('recall_near', '')} "
            f"| {d.get('rasd_pure', {}).get('seconds', '')} | {ref.get('seconds', '')} "
            f"| {d.get('rasd_over_datasketch', '')} "
            f"| {inc.get('no_change', {}).get('wall_s', '')} ({inc.get('no_change_make_run', {}).get('wall_s', '')}) "
            f"| {plus.get('docs_processed', '')} ({r['docs_processed']}) "
            f"| {plus.get('wall_s', '')} ({plus.get('wall_share_of_full_run', '')}) "
            f"| {copies.get('wall_s', '')} ({copies.get('wall_share_of_full_run', copies.get('failed', ''))}) "
            f"| {edited.get('wall_s', '')} ({edited.get('wall_share_of_full_run', edited.get('failed', ''))}) |"
        )
    return "\n".join(lines)


def _write(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default %(default)s; add 100000 for the scale target)")
    parser.add_argument("--extra", type=Path, default=SHARED_DEV if SHARED_DEV.is_dir() else None,
                        help="extra folder of source articles besides seeds/articles (default ../shared/corpus/dev)")
    parser.add_argument("--manifest", type=Path, default=SHARED_MANIFEST if SHARED_MANIFEST.exists() else None,
                        help="known duplicate pairs of --extra, checked against the pipeline's dedup")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "out" / "latest.json")
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "bench" / "out" / "work",
                        help="generated corpora (kept and reused), warehouses and logs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vary-numbers", action="store_true",
                        help="draw each generated article's counts anew (bench.generate.vary_numbers): most toll "
                             "sentences distinct, as in news, where recombined paragraphs repeat each one many times")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--no-reference", action="store_true", help="skip the datasketch comparison")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental runs")
    parser.add_argument("--cached-corpus", action="store_true",
                        help="leave the corpus in the page cache for the cold run (default: evicted first)")
    parser.add_argument("--plus-runs", type=int, default=3,
                        help="how many times the +1%% run is timed from the same lake (the median is reported)")
    parser.add_argument("--dashboard", action="store_true",
                        help="benchmark the dashboard's pages instead of the pipeline (bench/dashboard.py)")
    parser.add_argument("--reps", type=int, default=7, help="dashboard mode: cold repetitions per page")
    parser.add_argument("--warehouse", type=Path, default=PROJECT_ROOT / "bench" / "out" / "dashboard.duckdb",
                        help="dashboard mode: the dev + pool warehouse (built when missing)")
    parser.add_argument("--worker", nargs="+", type=Path, metavar="CORPUS WAREHOUSE LAKE OUT [REFERENCE]",
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        if len(args.worker) not in (4, 5):
            parser.error("--worker takes CORPUS WAREHOUSE LAKE OUT and optionally REFERENCE")
        status = _worker(*args.worker)
        gc.freeze()     # as make run leaves: the interpreter's last collection skips what the run left
        return status
    if args.dashboard:
        from bench import dashboard

        return dashboard.run(args.warehouse, args.reps, args.out.with_name("dashboard.json"))
    if args.threshold != 0.8:
        os.environ["RASD_DEDUP_THRESHOLD"] = str(args.threshold)

    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    pool = load_pool(default_sources(args.extra))
    # The machine's speed before and after the runs (bench/calibrate.py): reports taken at different times compare
    # through these, since this machine's speed drifts by 10-30% within an hour.
    calibrated_before = machine_speed()
    results = []
    for n in sizes:
        results.append(bench_size(n, args, pool))
        _write(args.out, {"partial": True, "results": results})
    report: dict = {
        "generated_at": datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "threshold": args.threshold, "seed": args.seed,
        "pool": {"titles": len(pool.titles), "paragraphs": len(pool.paragraphs)},
        "results": results,
        "calibration": {"before": calibrated_before, "after": machine_speed()},
    }
    by_n = {r["n"]: r for r in results if "failed" not in r}
    if 10000 in by_n and 100000 in by_n:
        report["growth_100k_over_10k"] = round(by_n[100000]["wall_s"] / by_n[10000]["wall_s"], 2)
    if args.extra and args.manifest:
        report["dev_manifest"] = manifest_check(args.work, args.work / "dev.log", args.extra, args.manifest)
    _write(args.out, report)
    table = markdown(results) + "\n\n" + calibration_line(**report["calibration"])
    for r in results:
        if "text_repetition" in r:
            table += "\n\n" + repetition_line(r["n"], r["text_repetition"])
        if "stage_table" in r:
            table += f"\n\nN = {r['n']:,}: stages against their floors\n\n" + stage_markdown(r["stage_table"])
            if budget := budget_line(r["n"], r["stage_table"], os.cpu_count() or 2):
                table += "\n\n" + budget
            if at_floors := floors_line(r["n"], r["stage_table"], os.cpu_count() or 2):
                table += "\n\n" + at_floors
    args.out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(table)
    if "caught" in report.get("dev_manifest", {}):
        m = report["dev_manifest"]
        print("dev corpus known duplicates caught: "
              + ", ".join(f"{t} {m['caught'][t]}/{m['total'][t]}" for t in m["caught"]))
    print(f"[bench] written {args.out} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
