"""Where the time of one ``make run`` goes: a timeline of its parts, and its wall time in buckets.

It runs the pipeline as ``make run`` does (``pipelines.cli run``, on the corpus, lake and warehouse of the
environment) in this process, with a timer around each part: the corpus listing and the up-to-date check before
Dagster, each stage's function, the table metadata and the contract rules of each step, the views of the changed
documents the rules read, and the release file's refresh. What no timer covers is imports, Dagster (its run,
steps and events) and the steps' own glue. For a run that adds a few files to a large lake this is where the fixed
cost of an incremental run is (issue 15: a +1% run within 5% of the cold run):

    python -m bench.generate 100000 /tmp/b --seed 7
    RASD_CORPUS=/tmp/b/corpus RASD_LAKE=/tmp/b/lake RASD_WAREHOUSE=/tmp/b/w.duckdb python -m pipelines.cli run
    cp new-article.txt /tmp/b/corpus/0000/
    RASD_CORPUS=/tmp/b/corpus RASD_LAKE=/tmp/b/lake RASD_WAREHOUSE=/tmp/b/w.duckdb python -m bench.timeline

The timers add a few microseconds per call (the rules are called 35 times a run): nothing a run of seconds shows.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

# (module, function, part): the functions timed, by the module that defines them. A module that imported one by
# name holds the same object, and is given the timed one too.
TIMED: tuple[tuple[str, str, str], ...] = (
    ("pipelines.cli", "up_to_date", "up-to-date check"),
    ("pipelines.stages.ingest", "run_ingest", "stage ingest"),
    ("pipelines.stages.clean", "run_clean", "stage clean"),
    ("pipelines.stages.dedup", "run_dedup", "stage dedup"),
    ("pipelines.stages.extract", "run_mentions", "stage mentions"),
    ("pipelines.stages.extract", "run_claims", "stage claims"),
    ("pipelines.stages.incidents", "run_incidents", "stage incidents"),
    ("pipelines.stages.marts", "run_marts", "stage marts"),
    ("pipelines.stages.publish", "run_publish", "stage publish"),
    ("pipelines.lib.release", "refresh_release_file", "release file refresh"),
    ("pipelines.defs.metadata", "tables_metadata", "table metadata"),
    ("pipelines.defs.checks", "count_violations", "contract rules"),
)
# (module, function, part): functions timed only where that module calls them: the listing as ``make run`` takes it
# (ingest would list again only without it), and the views the rules read (the marts stage holds one of its own,
# which is the stage's time). The views are context managers, timed from entry until the block begins.
TIMED_IN: tuple[tuple[str, str, str], ...] = (
    ("pipelines.cli", "list_corpus", "corpus listing"),
)
TIMED_ENTRY_IN = ("pipelines.defs.checks", "view_as_table", "changed-document views for the rules")
# The parts summed into the buckets of ``summary``; what is left is Dagster, imports and glue.
BUCKETS = {
    "before Dagster: listing and up-to-date check": ("corpus listing", "up-to-date check"),
    "stages": tuple(part for _, _, part in TIMED if part.startswith("stage ")),
    "release file refresh": ("release file refresh",),
    "contract rules (and their views)": ("contract rules", "changed-document views for the rules"),
    "table metadata": ("table metadata",),
}


@dataclass(frozen=True)
class Span:
    """One timed call: its part, and when it started and ended (seconds since the timeline began)."""

    part: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


class Timeline:
    """The spans of the timed calls of one run, from the moment it was made."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._origin = clock()
        self.spans: list[Span] = []

    def now(self) -> float:
        return self._clock() - self._origin

    def timed(self, fn: Callable, part: str) -> Callable:
        @functools.wraps(fn)
        def call(*args, **kwargs):
            start = self.now()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spans.append(Span(part, start, self.now()))
        return call

    def timed_entry(self, manager: Callable, part: str) -> Callable:
        @functools.wraps(manager)
        @contextlib.contextmanager
        def entered(*args, **kwargs) -> Iterator:
            start = self.now()
            with manager(*args, **kwargs) as value:
                self.spans.append(Span(part, start, self.now()))
                yield value
        return entered


def holders(name: str, original: object) -> list[object]:
    """Every loaded module of the project that holds ``original`` under ``name`` (a module that imported a
    function by name holds the same object)."""
    return [module for module in list(sys.modules.values())
            if getattr(module, "__name__", "").startswith("pipelines") and getattr(module, name, None) is original]


@contextlib.contextmanager
def replaced(targets: list[tuple[object, str, object]]) -> Iterator[None]:
    """Within the block each (holder, name, value) of ``targets`` is set; every one is put back on exit."""
    originals = [(holder, name, getattr(holder, name)) for holder, name, _ in targets]
    for holder, name, value in targets:
        setattr(holder, name, value)
    try:
        yield
    finally:
        for holder, name, original in reversed(originals):
            setattr(holder, name, original)


def _replacements(timeline: Timeline) -> list[tuple[object, str, Callable]]:
    """(module, name, timed function) for every reference the timers replace: those of ``TIMED`` in every
    loaded module of the project that holds the function, those of ``TIMED_IN`` and ``TIMED_ENTRY_IN`` in their
    module only."""
    out: list[tuple[object, str, Callable]] = []
    for module_name, name, part in TIMED:
        original = getattr(importlib.import_module(module_name), name)
        timed = timeline.timed(original, part)
        out += [(module, name, timed) for module in holders(name, original)]
    for module_name, name, part in TIMED_IN:
        module = importlib.import_module(module_name)
        out.append((module, name, timeline.timed(getattr(module, name), part)))
    module_name, name, part = TIMED_ENTRY_IN
    module = importlib.import_module(module_name)
    out.append((module, name, timeline.timed_entry(getattr(module, name), part)))
    return out


@contextlib.contextmanager
def installed(timeline: Timeline) -> Iterator[Timeline]:
    """Within the block the parts of ``TIMED``, ``TIMED_IN`` and ``TIMED_ENTRY_IN`` are timed into ``timeline``;
    every reference replaced is put back on exit. The pipeline's modules are imported first, as a run imports
    them, so that no reference is made after the replacement."""
    importlib.import_module("pipelines.cli")
    importlib.import_module("pipelines.definitions")
    with replaced(_replacements(timeline)):
        yield timeline


def summary(spans: list[Span], wall_s: float) -> dict[str, float]:
    """The run's wall time in buckets (``BUCKETS``) and what no timer covers as "Dagster, imports and glue".
    Spans are summed per part; no timed part calls another."""
    by_part: dict[str, float] = {}
    for span in spans:
        by_part[span.part] = by_part.get(span.part, 0.0) + span.seconds
    out = {bucket: round(sum(by_part.get(p, 0.0) for p in parts), 3) for bucket, parts in BUCKETS.items()}
    out["Dagster, imports and glue (not timed)"] = round(wall_s - sum(out.values()), 3)
    out["wall"] = round(wall_s, 3)
    return out


def table(spans: list[Span]) -> str:
    """The spans in order of start, the rules of a step as one line (they run one after the other)."""
    rows: list[list] = []
    for span in sorted(spans, key=lambda s: s.start):
        if rows and rows[-1][0] == span.part and span.part == "contract rules":
            rows[-1][2], rows[-1][3], rows[-1][4] = span.end, rows[-1][3] + span.seconds, rows[-1][4] + 1
        else:
            rows.append([span.part, span.start, span.end, span.seconds, 1])
    lines = ["| part | start s | end s | seconds | calls |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {part} | {start:.2f} | {end:.2f} | {seconds:.3f} | {calls} |"
              for part, start, end, seconds, calls in rows]
    return "\n".join(lines)


def run(argv: list[str] | None = None) -> tuple[int, Timeline, float]:
    """``pipelines.cli run`` with the timers in place: its exit status, the timeline and its wall time."""
    timeline = Timeline()
    with installed(timeline):
        from pipelines import cli

        status = cli.main(["run", *(argv or [])])
    return status, timeline, timeline.now()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.timeline", description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the spans and the summary here")
    parser.add_argument("--verify", action="store_true", help="as `pipelines.cli run --verify`")
    args = parser.parse_args(argv)
    status, timeline, wall = run(["--verify"] if args.verify else [])
    buckets = summary(timeline.spans, wall)
    print(table(timeline.spans))
    print()
    print("\n".join(f"{seconds:8.3f}  {bucket}" for bucket, seconds in buckets.items()))
    if args.json is not None:
        args.json.write_text(json.dumps({"status": status, "summary": buckets,
                                         "spans": [asdict(s) for s in timeline.spans]}, indent=1), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
