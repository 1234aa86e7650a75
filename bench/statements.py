"""Where the SQL time of one ``make run`` goes, statement by statement, and in which part of the run.

``bench.timeline`` says which part of a run takes its time; when that part is SQL (most of an incremental
run's fixed cost at 100,000 articles is), this says which statements. It runs the pipeline as ``make run``
does, with the timeline's timers and one more around each SQL statement a step runs: each statement of a
``sql/`` script (``run_script`` runs them one at a time here, as DuckDB runs a script anyway), each query a
step executes or fetches as a frame, and each commit. A statement is told by its script and its first line
that is not a comment, and counted in the innermost timed part it ran in (a stage, the table metadata, the
contract rules, the release refresh), or "outside the timed parts" (the steps' glue):

    RASD_CORPUS=... RASD_LAKE=... RASD_WAREHOUSE=... python -m bench.statements --top 40

What found the mentions stage's two ``MERGE`` statements (2.0 + 1.9 s of a cold 100k run,
docs/throughput-rounds.md "Twenty-third round") was a first form of this tool. The timers add a few microseconds
per statement and ``run_script`` parses its script once more; nothing a run of seconds shows.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from bench import timeline as tl

OUTSIDE = "outside the timed parts"
COMMIT = "COMMIT"
_LABEL_CHARS = 100


@dataclass(frozen=True)
class Statement:
    """One statement's run: what it was (``label``), and when it started and ended on the timeline's clock."""

    label: str
    start: float
    end: float


def label_of(query: object, script: str | None = None) -> str:
    """The first line of ``query`` that is not a comment (cut to 100 characters), after ``sql/<script>.sql: ``
    when it comes from a script."""
    text = query if isinstance(query, str) else str(query)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("--")]
    first = (lines[0] if lines else text.strip())[:_LABEL_CHARS]
    return f"sql/{script}.sql: {first}" if script else first


class StatementTimer:
    """The statements of one run, on the clock of its timeline."""

    def __init__(self, timeline: tl.Timeline) -> None:
        self.timeline = timeline
        self.statements: list[Statement] = []
        self._depth = 0   # a timed call inside another (a script's statement in the step's execute) is not recorded

    @contextlib.contextmanager
    def _recorded(self, label: str) -> Iterator[None]:
        start, outermost = self.timeline.now(), self._depth == 0
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if outermost:
                self.statements.append(Statement(label, start, self.timeline.now()))

    def timed(self, fn: Callable, label: Callable[..., str]) -> Callable:
        """``fn`` with each call recorded under ``label(*args)``."""
        @functools.wraps(fn)
        def call(*args, **kwargs):
            with self._recorded(label(*args, **kwargs)):
                return fn(*args, **kwargs)
        return call

    def run_script(self, original: Callable) -> Callable:
        """``run_script`` with its script's statements run, and timed, one at a time."""
        from pipelines.lib.sql import sql
        from pipelines.stages import common

        @functools.wraps(original)
        def run_script(con, name: str, frames: dict) -> None:
            script = sql(name)
            with common.frames_registered(con, frames, read_once=common.frames_read_once(script, frames)):
                for statement in duckdb.extract_statements(script):
                    with self._recorded(label_of(statement.query, name)):
                        con.execute(statement.query)
        return run_script


@contextlib.contextmanager
def installed(timer: StatementTimer) -> Iterator[StatementTimer]:
    """Within the block every statement of a step is timed into ``timer`` (see the module docstring); every
    reference replaced is put back on exit. Installed inside ``bench.timeline.installed``, whose timers it
    leaves in place (the stages' functions call the statement functions through their modules)."""
    importlib.import_module("pipelines.cli")
    importlib.import_module("pipelines.definitions")
    from pipelines.defs.resources import StepConnection
    from pipelines.lib import duck_inputs
    from pipelines.stages import common

    fetch, script = duck_inputs.fetch_frame, common.run_script
    timed_fetch = timer.timed(fetch, lambda _con, query, *a, **k: "fetch: " + label_of(query))
    timed_script = timer.run_script(script)
    targets: list[tuple[object, str, object]] = [
        (StepConnection, "execute", timer.timed(StepConnection.execute, lambda _self, query, *a, **k: label_of(query))),
        (StepConnection, "commit", timer.timed(StepConnection.commit, lambda *a, **k: COMMIT)),
        *((module, "fetch_frame", timed_fetch) for module in tl.holders("fetch_frame", fetch)),
        *((module, "run_script", timed_script) for module in tl.holders("run_script", script)),
    ]
    with tl.replaced(targets):
        yield timer


def attribute(statements: list[Statement], spans: list[tl.Span]) -> list[tuple[str, Statement]]:
    """Each statement with the part it ran in: the shortest timed span holding its start, else ``OUTSIDE``."""
    ordered = sorted(spans, key=lambda s: s.seconds)
    return [(next((s.part for s in ordered if s.start <= st.start <= s.end), OUTSIDE), st) for st in statements]


@dataclass(frozen=True)
class Row:
    part: str
    label: str
    calls: int
    seconds: float


def totals(attributed: list[tuple[str, Statement]]) -> list[Row]:
    """Seconds and calls per (part, statement), most seconds first."""
    seconds: dict[tuple[str, str], float] = {}
    calls: dict[tuple[str, str], int] = {}
    for part, st in attributed:
        key = (part, st.label)
        seconds[key] = seconds.get(key, 0.0) + (st.end - st.start)
        calls[key] = calls.get(key, 0) + 1
    rows = [Row(part, label, calls[(part, label)], round(s, 4)) for (part, label), s in seconds.items()]
    return sorted(rows, key=lambda r: (-r.seconds, r.part, r.label))


def table(rows: list[Row], top: int) -> str:
    lines = ["| seconds | calls | part | statement |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.seconds:.3f} | {r.calls} | {r.part} | `{r.label.replace('|', '/')}` |" for r in rows[:top]]
    return "\n".join(lines)


def run(argv: list[str] | None = None) -> tuple[int, tl.Timeline, StatementTimer, float]:
    """``pipelines.cli run`` with the timeline's timers and the statement timers in place."""
    timeline = tl.Timeline()
    timer = StatementTimer(timeline)
    with tl.installed(timeline), installed(timer):
        from pipelines import cli

        status = cli.main(["run", *(argv or [])])
    return status, timeline, timer, timeline.now()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.statements", description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=40, help="how many statements to list (default 40)")
    parser.add_argument("--json", type=Path, default=None, help="also write every statement and the totals here")
    parser.add_argument("--verify", action="store_true", help="as `pipelines.cli run --verify`")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    status, timeline, timer, wall = run(["--verify"] if args.verify else [])
    rows = totals(attribute(timer.statements, timeline.spans))
    print(table(rows, args.top))
    print(f"\n{len(timer.statements)} statements; the run {wall:.2f} s ({time.perf_counter() - started:.2f} s here)")
    if args.json is not None:
        args.json.write_text(json.dumps({"status": status, "wall_s": round(wall, 3),
                                         "totals": [asdict(r) for r in rows],
                                         "statements": [asdict(s) for s in timer.statements],
                                         "spans": [asdict(s) for s in timeline.spans]}, indent=1), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
