"""Dashboard benchmark (``make bench`` runs it after the pipeline benchmark; alone: ``make bench-dashboard``).

Builds (or reuses) a lake and its release file from ``../shared/corpus/dev`` plus
``../shared/corpus/pool.jsonl`` (about 550 articles), then opens every page with Streamlit's
AppTest, as a new visitor would, and changes a sidebar filter on it. Each repetition starts with
empty caches (``st.cache_data.clear()``), so every number is a cold render: the queries run against
the lake's newest publication, nothing comes from an earlier repetition (one untimed visit of each
page first imports the modules and opens the lake reader, as a running server
has). The time is the script run on the server (queries, marts reads, building the page);
the browser's drawing is not in it. Reports p50 and p95 per page for the first render and for a
filter change (outcome = killed, then one governorate), against the targets p95 < 1.5 s per page
and < 1 s per filter change.

    python -m bench.run --dashboard [--reps 7] [--warehouse data/bench_dashboard.duckdb]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pipelines.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared" / "corpus"
APP = PROJECT_ROOT / "dashboards" / "app.py"
PAGES = {
    "Overview": "app_pages/overview.py",
    "Incidents": "app_pages/incidents.py",
    "Casualty claims": "app_pages/claims.py",
    "Actors": "app_pages/actors.py",
    "Locations": "app_pages/locations.py",
    "Article": "app_pages/article.py",
    "Pipeline": "app_pages/pipeline.py",
    "Downloads": "app_pages/downloads.py",
    "Methodology": "app_pages/methodology.py",
}
PAGE_TARGET_S = 1.5
FILTER_TARGET_S = 1.0


def lake_of(warehouse: Path) -> Path:
    """The lake the benchmark's warehouse is built in, beside it: the dashboard reads the lake."""
    return warehouse.with_name(warehouse.stem + ".lake")


def build_warehouse(warehouse: Path) -> dict:
    """The dev + pool warehouse at ``warehouse`` and its lake (built by the real pipeline unless both exist)."""
    if warehouse.exists() and lake_of(warehouse).exists():
        return {"reused": True}
    from pipelines.cli import build_warehouse as run_pipeline

    with tempfile.TemporaryDirectory(prefix="rasd-dash-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(SHARED / "dev", corpus)
        # the folder's dates (pool.jsonl carries its own), so incidents and timelines are dated
        shutil.copy2(SHARED / "metadata-dev.csv", corpus / "metadata.csv")
        shutil.copy2(SHARED / "pool.jsonl", corpus / "pool.jsonl")
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        facts = run_pipeline(corpus, warehouse, lake_of(warehouse))
    if not facts.get("success"):
        raise RuntimeError(f"the pipeline failed: {facts}")
    return facts


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) by linear interpolation, as numpy's default."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _timed(action) -> float:
    start = time.perf_counter()
    at = action()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return elapsed


def measure(reps: int, governorate: str) -> dict[str, dict[str, list[float]]]:
    """Seconds per page for ``reps`` cold first renders and 2 × ``reps`` filter changes."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times: dict[str, dict[str, list[float]]] = {p: {"first": [], "filter": []} for p in PAGES}
    for script in PAGES.values():
        # once, untimed: Python imports its modules (altair, pydeck, ...) on a server's first visit only
        warm = AppTest.from_file(str(APP), default_timeout=120)
        warm.switch_page(script)
        warm.run()
    for _ in range(reps):
        for name, script in PAGES.items():
            st.cache_data.clear()
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.switch_page(script)
            times[name]["first"].append(_timed(at.run))
            times[name]["filter"].append(_timed(at.sidebar.multiselect(key="f_outcomes").select("killed").run))
            times[name]["filter"].append(_timed(at.sidebar.multiselect(key="f_governorates").select(governorate).run))
    return times


def markdown(times: dict[str, dict[str, list[float]]]) -> str:
    rows = [
        "| page | first render p50 s | p95 s | filter change p50 s | p95 s | targets (1.5 s / 1 s) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, t in times.items():
        first95, filter95 = percentile(t["first"], 0.95), percentile(t["filter"], 0.95)
        ok = "met" if first95 < PAGE_TARGET_S and filter95 < FILTER_TARGET_S else "**not met**"
        rows.append(
            f"| {name} | {statistics.median(t['first']):.2f} | {first95:.2f} | "
            f"{statistics.median(t['filter']):.2f} | {filter95:.2f} | {ok} |"
        )
    return "\n".join(rows)


def run(warehouse: Path, reps: int, out: Path) -> int:
    """Build or reuse the warehouse, measure, write ``out`` (JSON) and ``out`` .md, print the table."""
    import duckdb

    build = build_warehouse(warehouse)
    os.environ["RASD_WAREHOUSE"] = str(warehouse)
    os.environ["RASD_LAKE"] = str(lake_of(warehouse))      # the dashboard reads the lake's newest publication
    os.environ.setdefault("RASD_DASHBOARD_SOURCE", "lake")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        n_docs, n_claims = con.execute(
            "select (select count(*) from documents where status = 'ok'), (select count(*) from mart_claims)"
        ).fetchone()
        governorate = con.execute(
            "select governorate from mart_claims where governorate <> 'unknown' "
            "group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
    times = measure(reps, governorate)
    table = markdown(times)
    report = {
        "warehouse": str(warehouse), "canonical_documents": n_docs, "claims": n_claims, "reps": reps,
        "governorate_filter": governorate, "cpus": os.cpu_count(), "build": build, "seconds": times,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(f"dashboard on {n_docs:,} canonical articles, {n_claims:,} claims, {reps} cold repetitions per page")
    print(table)
    print(f"[bench] written {out} and {out.with_suffix('.md')}")
    return 0
