"""``make bench LOAD=1``: dashboard sessions under load while a pipeline run publishes new data.

Builds a warehouse from a generated corpus, then starts ``--sessions`` dashboard sessions (Streamlit's
AppTest, each in a process of its own: AppTest keeps one Streamlit runtime per process, so sessions in
threads of one process tear down each other's) that walk the five pages in turn. Once every session
has rendered a page, new articles land in the corpus and ``make run`` (a process of its own) ingests
them and publishes. Each session keeps browsing until the publication, then opens the overview once
more and checks that it shows the new document count.
Reports page-time percentiles (all views, and the views that overlapped the run), errors, and how many
sessions saw the new data. Bounded: ``--sessions`` sessions and ``--max-s`` seconds.

    python -m bench.load                               # 20 sessions, 300 + 100 articles
    python -m bench.load --sessions 5 --articles 50 --new 20
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from bench.generate import generate, load_pool
from bench.run import default_sources
from pipelines.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "dashboards" / "app.py"
PAGES = ("overview", "claims", "actors", "locations", "article")
DOCUMENTS_LABEL = "Documents"


@dataclass
class View:
    session: int
    page: str
    started: float          # seconds since the load phase began
    seconds: float
    error: str | None = None


@dataclass
class Session:
    number: int
    views: list[View] = field(default_factory=list)
    documents_after_publish: str | None = None
    error_after_publish: str | None = None


def _pipeline(corpus: Path, warehouse: Path, lake: Path) -> tuple[float, str]:
    env = {**os.environ, "RASD_CORPUS": str(corpus), "RASD_WAREHOUSE": str(warehouse), "RASD_LAKE": str(lake)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the pipeline run failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start, done.stdout.strip()


def _documents(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select count(*) from documents where status <> 'deleted'").fetchone()[0]


def _browse(number: int, t0: float, published, ready, deadline: float, think_s: float, results) -> None:
    """One dashboard session (in a child process): pages in turn until the publication, then the overview
    once more; the :class:`Session` goes to ``results``. Times are ``time.monotonic()``, shared by all
    processes of the machine."""
    from streamlit.testing.v1 import AppTest

    # AppTest outside a server: Streamlit warns that there is no server context, which is expected here.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    session = Session(number)
    try:
        _walk_pages(session, AppTest.from_file(str(APP), default_timeout=300), t0, published, ready, deadline,
                    think_s)
    finally:
        results.put(session)


def _walk_pages(session: Session, at, t0: float, published, ready, deadline: float, think_s: float) -> None:
    step = 0
    waited = False
    while time.monotonic() < deadline:
        after = published.is_set()
        page = "overview" if after else PAGES[step % len(PAGES)]
        at.switch_page(f"app_pages/{page}.py")
        start = time.monotonic()
        error = None
        try:
            at.run()
            if at.exception:
                error = "; ".join(str(e.value) for e in at.exception)[:300]
        except Exception as exc:      # a timeout or a crash of the script runner counts as an error
            error = f"{type(exc).__name__}: {exc}"[:300]
        session.views.append(View(session.number, page, start - t0, time.monotonic() - start, error))
        step += 1
        if not waited:
            waited = True
            try:
                ready.wait()
            except threading.BrokenBarrierError:
                pass                # the load phase started without some session; this one goes on
        if not after:
            published.wait(think_s)         # a reader's pause between pages (cut short by the publication)
        if after:
            shown = [m.value for m in at.metric if m.label.startswith(DOCUMENTS_LABEL)] if not error else []
            session.documents_after_publish = shown[0] if shown else None
            session.error_after_publish = error
            return


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run_load(args: argparse.Namespace) -> dict:
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    corpus, lake, warehouse = work / "corpus", work / "lake", work / "warehouse.duckdb"
    pool = load_pool(default_sources(args.extra))
    generate(args.articles, corpus, work / "truth.tsv", pool, seed=args.seed)
    incoming = generate(args.new, work / "incoming", work / "incoming_truth.tsv", pool, seed=args.seed + 1,
                        prefix="load")
    first_s, _ = _pipeline(corpus, warehouse, lake)
    before = _documents(warehouse)
    print(f"[load] warehouse built: {before} documents in {first_s:.1f} s; starting {args.sessions} sessions",
          flush=True)

    os.environ["RASD_WAREHOUSE"] = str(warehouse)    # what the dashboard reads
    # Spawned, not forked: a fork of a process whose Polars and DuckDB thread pools are running can hang.
    ctx = multiprocessing.get_context("spawn")
    published, ready, results = ctx.Event(), ctx.Barrier(args.sessions + 1), ctx.Queue()
    t0 = time.monotonic()
    deadline = t0 + args.max_s
    workers = [ctx.Process(target=_browse, args=(i, t0, published, ready, deadline, args.think_s, results), daemon=True)
               for i in range(args.sessions)]
    for worker in workers:
        worker.start()
    try:
        ready.wait(timeout=args.max_s / 2)            # every session has rendered its first page
    except threading.BrokenBarrierError:
        print("[load] not every session rendered a page in time; publishing anyway", flush=True)
    shutil.move(str(incoming.corpus), str(corpus / "incoming"))
    run_start = time.monotonic() - t0
    run_s, run_out = _pipeline(corpus, warehouse, lake)
    run_end = time.monotonic() - t0
    published.set()
    after = _documents(warehouse)
    sessions = [results.get(timeout=max(1.0, deadline - time.monotonic())) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    print(f"[load] run published {after - before} new documents in {run_s:.1f} s", flush=True)

    views = [v for s in sessions for v in s.views]
    ok = [v.seconds for v in views if v.error is None]
    during = [v.seconds for v in views if v.error is None and v.started < run_end and v.started + v.seconds > run_start]
    expected = f"{after:,}"
    saw_new = sum(s.documents_after_publish == expected for s in sessions)
    return {
        "generated_at": datetime.now().isoformat(timespec="seconds"),
        "command": "python -m bench.load " + " ".join(sys.argv[1:]),
        "cpus": os.cpu_count(),
        "sessions": args.sessions, "think_s": args.think_s,
        "articles_before": args.articles, "articles_added": args.new,
        "documents_before": before, "documents_after": after,
        "run_s": round(run_s, 1), "run_summary": run_out,
        "page_views": len(views), "errors": sum(v.error is not None for v in views),
        "error_samples": sorted({v.error for v in views if v.error})[:5],
        "p50_s": round(_percentile(ok, 50), 2), "p95_s": round(_percentile(ok, 95), 2),
        "max_s": round(max(ok), 2) if ok else None,
        "views_during_run": len(during),
        "p50_during_run_s": round(_percentile(during, 50), 2), "p95_during_run_s": round(_percentile(during, 95), 2),
        "sessions_showing_new_data": saw_new,
        "sessions_unfinished": sum(s.documents_after_publish is None and s.error_after_publish is None
                                   for s in sessions),
        "by_page": {page: _page_times([v.seconds for v in views if v.error is None and v.page == page])
                    for page in PAGES},
    }


def _page_times(seconds: list[float]) -> dict:
    return {"views": len(seconds), "p50_s": round(_percentile(seconds, 50), 2),
            "p95_s": round(_percentile(seconds, 95), 2)}


def markdown(r: dict) -> str:
    head = ("| sessions | page views | errors | p50 s | p95 s | max s | views during the run "
            "| p50 / p95 during the run s | run s (new docs) | sessions showing the new data |")
    return "\n".join([
        head, "|" + " --- |" * (head.count("|") - 1),
        f"| {r['sessions']} | {r['page_views']} | {r['errors']} | {r['p50_s']} | {r['p95_s']} | {r['max_s']} "
        f"| {r['views_during_run']} | {r['p50_during_run_s']} / {r['p95_during_run_s']} "
        f"| {r['run_s']} (+{r['documents_after'] - r['documents_before']}) "
        f"| {r['sessions_showing_new_data']} of {r['sessions']} |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300, help="articles in the warehouse before the run")
    parser.add_argument("--new", type=int, default=100, help="articles the run adds while sessions browse")
    parser.add_argument("--max-s", type=float, default=600.0, help="bound on the whole load phase")
    parser.add_argument("--think-s", type=float, default=1.0, help="pause of a session between two pages")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--extra", type=Path, default=None, help="extra source articles besides the seeds")
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "bench" / "out" / "load")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "out" / "load.json")
    args = parser.parse_args(argv)
    report = run_load(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    table = markdown(report)
    args.out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(f"[load] written {args.out}")
    ok = report["errors"] == 0 and report["sessions_showing_new_data"] == report["sessions"]
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
