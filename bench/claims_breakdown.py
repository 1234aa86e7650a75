"""Where ``extract_claims`` spends its CPU, rule by rule: the costs a rewrite of the claim rules over whole batches
(issue 15: claims at about ten times their floor) has to take away.

It hands the claims stage a warehouse's sentences as ``bench.extract_speed`` does (parts of the stage's ``PART``
documents, each part's mentions found first), once without timers for the stage's CPU time, then once with a CPU
timer (``time.process_time``) around each part of ``PARTS``: the batch set-up (candidate filter, the batch
normaliser, the mention tables), the sentence views, the reader and the attribute rules. Times are inclusive: a
part's time holds the parts it calls (indented under it in the table; a sentence view is built by whichever rule
first asks for it, so its time is inside that rule's too). Each timer costs about a microsecond per call, which
the timed pass's total shows against the untimed one::

    python -m bench.claims_breakdown bench/out/work/n10000-s7/warehouse.duckdb
    python -m bench.claims_breakdown <warehouse> --json /tmp/claims-breakdown.json

``--patterns N`` adds a third pass with every compiled regex the claim rules hold timed instead (the lexicon's, the
attribute rules', the modules' own, each scanner's pattern; a ``finditer`` is timed match by match as it is
consumed): how much of the pass is spent inside the regex engine at all, and the ``N`` costliest patterns. What is
not inside a pattern call is Python running the rules between them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from bench.extract_speed import ClaimsInput, claims_input
from pipelines.lib.extract import (
    claim_attributes,
    claim_patterns,
    claim_reader,
    claimants,
    claims,
    quantities,
    wordtrie,
)
from pipelines.lib.extract.claim_attributes import ClaimAttributes
from pipelines.lib.extract.mentions import MentionResult
from pipelines.lib.reference.claim_lexicon import ClaimLexicon
from pipelines.stages.extract import PART

# (owner, attribute, label, depth): what is timed, in the order and nesting the table shows. The owner is the
# module or class the claims code looks the function up on when it calls it.
PARTS: tuple[tuple[object, str, str, int], ...] = (
    (claims, "extract_claims", "extract_claims (whole call)", 0),
    (claims, "candidate_sentences", "candidate filter (Polars regex)", 1),
    (claims.NormalizedBatch, "__init__", "batch normaliser (all sentences of candidate documents)", 1),
    (claims._MentionTable, "__init__", "mention tables (actors, places)", 1),
    (claims, "_word_anchors", "word automaton built", 1),
    (claims, "_document_claims", "rules, document by document", 1),
    (claims._Document, "sentence", "sentence view (every ask)", 2),
    (wordtrie.WordAnchors, "find", "lexicon and number words found", 3),
    (claims, "find_quantities", "quantities read", 3),
    (claims._MentionTable, "mentions", "a sentence's mentions", 3),
    (claim_reader.SentenceReader, "read", "claim phrases read (SentenceReader.read)", 2),
    (claims, "_settle_sentence", "victims settled within a sentence", 2),
    (ClaimAttributes, "mutual_enemies", "mutual enemies", 2),
    (claims._Document, "sources", "sources of a sentence", 2),
    (claims._Document, "paragraph_source", "source from the paragraph", 2),
    (claims, "_row", "one claim's attributes (_row)", 2),
    (ClaimAttributes, "place", "place in the sentence", 3),
    (claims._Document, "fallback_place", "place from nearby sentences", 3),
    (ClaimAttributes, "perpetrator", "perpetrator in the sentence", 3),
    (claims._Document, "fallback_perpetrator", "perpetrator from other sentences", 3),
    (ClaimAttributes, "told_attackers", "attackers a sentence tells", 4),
    (ClaimAttributes, "tells_attacker", "does a sentence tell its attacker", 4),
    (ClaimAttributes, "cause", "cause", 3),
    (claims, "_merge_restatements", "restatements merged", 2),
)


@dataclass
class PartCost:
    """One timed part: its label, nesting depth, calls and inclusive CPU seconds."""

    label: str
    depth: int
    calls: int = 0
    cpu_s: float = 0.0

    @property
    def us_per_call(self) -> float:
        return 1e6 * self.cpu_s / self.calls if self.calls else 0.0


def _timed(fn: Callable, cost: PartCost) -> Callable:
    @functools.wraps(fn)
    def call(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            cost.cpu_s += time.process_time() - start
            cost.calls += 1
    return call


@contextlib.contextmanager
def timers_installed() -> Iterator[list[PartCost]]:
    """Within the block every part of ``PARTS`` is timed into the list yielded (in ``PARTS`` order); each replaced
    function is put back on exit."""
    costs = [PartCost(label, depth) for _, _, label, depth in PARTS]
    # Every part is a plain function of its module or of the class that defines it: getattr gives it as defined.
    originals = [(owner, name, getattr(owner, name)) for owner, name, _, _ in PARTS]
    for (owner, name, original), cost in zip(originals, costs, strict=True):
        setattr(owner, name, _timed(original, cost))
    try:
        yield costs
    finally:
        for owner, name, original in reversed(originals):
            setattr(owner, name, original)


@dataclass(frozen=True)
class Breakdown:
    """The untimed CPU of the claims pass, the timed pass's, what it found, and the cost of each part."""

    sentences: int
    parts: int
    claims: int
    candidates: int
    untimed_cpu_s: float
    timed_cpu_s: float
    costs: list[PartCost]


def _claims_pass(pairs: list[tuple[pl.DataFrame, MentionResult]], actors: pl.DataFrame, locations: pl.DataFrame,
                 lexicon: ClaimLexicon) -> pl.DataFrame:
    # Through the module, so that the timed extract_claims is the one called.
    return pl.concat([claims.extract_claims(p, m.actor_mentions, m.location_mentions, actors, locations, lexicon)
                      for p, m in pairs])


def _both_passes(data: ClaimsInput, timers: Callable[[], contextlib.AbstractContextManager]) -> tuple:
    """The claims pass over ``data`` untimed, then within ``timers()``: (untimed CPU-s, timed CPU-s, the claims,
    what the timers yielded). Raises when the timed pass found other claims."""
    pairs, actors, locations, lexicon = data.pairs, data.actors, data.locations, data.lexicon
    _claims_pass(pairs[:1], actors, locations, lexicon)      # the lexicon compiled, as a warm worker has it
    start = time.process_time()
    untimed = _claims_pass(pairs, actors, locations, lexicon)
    untimed_s = time.process_time() - start
    with timers() as costs:
        start = time.process_time()
        timed = _claims_pass(pairs, actors, locations, lexicon)
        timed_s = time.process_time() - start
    if not timed.equals(untimed):
        raise AssertionError("the timers changed the claims found")
    return untimed_s, timed_s, timed, costs


def measure(warehouse: Path, part: int = PART, data: ClaimsInput | None = None) -> Breakdown:
    """The claims of ``warehouse``'s sentences in parts of ``part`` documents, untimed then timed part by part
    (``data``: that input, read already)."""
    data = data or claims_input(warehouse, part)
    untimed_s, timed_s, timed, costs = _both_passes(data, timers_installed)
    n_candidates = sum(claims.candidate_sentences(p, data.lexicon).height for p, _ in data.pairs)
    return Breakdown(data.sentences.height, len(data.pairs), timed.height, n_candidates, untimed_s, timed_s, costs)


# The modules of the claim rules, whose module-level patterns are timed (each module's own binding of a pattern
# it imported from another is timed too).
RULE_MODULES = (claims, claim_reader, claim_attributes, claim_patterns, quantities, claimants, wordtrie)


@dataclass
class PatternCost:
    """One compiled pattern of the rules: where it is held, its calls and the seconds spent inside them."""

    name: str
    calls: int = 0
    seconds: float = 0.0
    matches: int = 0      # taken from a ``finditer``, each timed on its own


class _TimedPattern:
    """A compiled pattern that times every call into it (``finditer``: each match as it is taken, so a caller that
    stops early pays, and is charged, only for the matches it took). Anything else is the pattern's own."""

    __slots__ = ("_pattern", "_cost")

    def __init__(self, pattern: re.Pattern[str], cost: PatternCost) -> None:
        self._pattern, self._cost = pattern, cost

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def _timed(self, method: str, *args, **kwargs):
        start = time.perf_counter()
        try:
            return getattr(self._pattern, method)(*args, **kwargs)
        finally:
            self._cost.seconds += time.perf_counter() - start
            self._cost.calls += 1

    def finditer(self, *args, **kwargs):
        found = self._timed("finditer", *args, **kwargs)
        while True:
            start = time.perf_counter()
            m = next(found, None)
            self._cost.seconds += time.perf_counter() - start
            if m is None:
                return
            self._cost.matches += 1
            yield m


def _timed_method(method: str) -> Callable:
    def call(self: _TimedPattern, *args, **kwargs):
        return self._timed(method, *args, **kwargs)
    call.__name__ = method
    return call


# The pattern's methods that run the engine and return at once; ``finditer`` is timed as it is consumed (above).
for _method in ("search", "match", "fullmatch", "findall", "sub", "split"):
    setattr(_TimedPattern, _method, _timed_method(_method))


class _PatternTimers:
    """Puts a ``_TimedPattern`` in place of every compiled pattern held by the given objects and modules, and puts
    the originals back (``restore``). One cost per place a pattern is held."""

    def __init__(self) -> None:
        self.costs: dict[str, PatternCost] = {}
        self._replaced: list[tuple[object, str, object]] = []

    def _timed(self, pattern: re.Pattern[str], name: str) -> _TimedPattern:
        return _TimedPattern(pattern, self.costs.setdefault(name, PatternCost(name)))

    def _set(self, owner: object, attr: str, value: object) -> None:
        self._replaced.append((owner, attr, getattr(owner, attr)))
        object.__setattr__(owner, attr, value)   # the compiled lexicon and the scanners are frozen dataclasses

    def install(self, owner: object, prefix: str) -> None:
        for attr, value in list(vars(owner).items()):
            if isinstance(value, re.Pattern):
                self._set(owner, attr, self._timed(value, f"{prefix}.{attr}"))
            elif isinstance(value, wordtrie.Scanner) and isinstance(value.pattern, re.Pattern):
                self._set(value, "pattern", self._timed(value.pattern, f"{prefix}.{attr}"))
            elif isinstance(value, list) and all(isinstance(x, tuple) and len(x) == 2 and isinstance(x[1], re.Pattern)
                                                 for x in value) and value:
                self._set(owner, attr, [(key, self._timed(pat, f"{prefix}.{attr}[{key}]")) for key, pat in value])

    def restore(self) -> None:
        for owner, attr, value in reversed(self._replaced):
            object.__setattr__(owner, attr, value)
        self._replaced.clear()


@contextlib.contextmanager
def patterns_timed(lexicon: ClaimLexicon) -> Iterator[dict[str, PatternCost]]:
    """Within the block every compiled pattern of the claim rules is timed into the dict yielded (by where it is
    held): the modules' patterns, the compiled ``lexicon``'s, and those of every ``ClaimAttributes`` built meanwhile.
    Every pattern is the pipeline's own again on exit."""
    timers = _PatternTimers()
    built = ClaimAttributes.__init__

    def init(self, *args, **kwargs) -> None:
        built(self, *args, **kwargs)
        timers.install(self, "attributes")

    for module in RULE_MODULES:
        timers.install(module, module.__name__.rpartition(".")[2])
    timers.install(claim_patterns.compile_lexicon(lexicon), "lexicon")
    ClaimAttributes.__init__ = init
    try:
        yield timers.costs
    finally:
        ClaimAttributes.__init__ = built
        timers.restore()


def timer_cost(rounds: int = 200_000) -> tuple[float, float]:
    """Seconds a ``_TimedPattern`` adds to what it records, per call and per ``finditer`` match: the clock reads and
    the look-up inside the timed interval, measured on a one-letter pattern against the pattern alone."""
    pattern, cost = re.compile("a"), PatternCost("calibration")
    timed = _TimedPattern(pattern, cost)
    start = time.perf_counter()
    for _ in range(rounds):
        pattern.search("b")
    raw_call = (time.perf_counter() - start) / rounds
    for _ in range(rounds):
        timed.search("b")
    per_call = cost.seconds / rounds - raw_call
    text = "a" * 1000
    start = time.perf_counter()
    for _ in range(rounds // 1000):
        for _ in pattern.finditer(text):
            pass
    raw_match = (time.perf_counter() - start) / rounds
    before = cost.seconds
    for _ in range(rounds // 1000):
        for _ in timed.finditer(text):
            pass
    per_match = (cost.seconds - before) / rounds - raw_match
    return max(per_call, 0.0), max(per_match, 0.0)


@dataclass(frozen=True)
class PatternBreakdown:
    """The untimed CPU of the claims pass, the pass with its patterns timed, and each pattern's cost."""

    untimed_cpu_s: float
    timed_cpu_s: float
    claims: int
    patterns: list[PatternCost]
    timer_per_call_s: float = 0.0     # ``timer_cost``
    timer_per_match_s: float = 0.0

    @property
    def calls(self) -> int:
        return sum(p.calls for p in self.patterns)

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.patterns)

    @property
    def net_seconds(self) -> float:
        """``seconds`` less what the timers themselves added to it."""
        matches = sum(p.matches for p in self.patterns)
        return max(self.seconds - self.calls * self.timer_per_call_s - matches * self.timer_per_match_s, 0.0)


def measure_patterns(warehouse: Path, part: int = PART, data: ClaimsInput | None = None) -> PatternBreakdown:
    """The claims of ``warehouse``'s sentences in parts of ``part`` documents, untimed then with every pattern timed
    (``data``: that input, read already)."""
    data = data or claims_input(warehouse, part)
    untimed_s, timed_s, timed, costs = _both_passes(data, lambda: patterns_timed(data.lexicon))
    ranked = sorted((c for c in costs.values() if c.calls), key=lambda c: -c.seconds)
    return PatternBreakdown(untimed_s, timed_s, timed.height, ranked, *timer_cost())


def pattern_table(result: PatternBreakdown, top: int) -> str:
    """The summary line and the ``top`` costliest patterns as a Markdown table."""
    share = result.net_seconds / result.untimed_cpu_s if result.untimed_cpu_s else 0.0
    lines = [f"patterns: {result.calls:,} calls, {result.seconds:.2f} s inside them, {result.net_seconds:.2f} s less "
             f"the timers' own {1e9 * result.timer_per_call_s:.0f} ns a call and {1e9 * result.timer_per_match_s:.0f} "
             f"ns a match ({share:.1%} of the untimed pass, {result.untimed_cpu_s:.2f} CPU-s; "
             f"{result.timed_cpu_s:.2f} with the timers)", "",
             "| pattern | calls | s | µs per call |", "| --- | --- | --- | --- |"]
    for p in result.patterns[:top]:
        lines.append(f"| {p.name} | {p.calls:,} | {p.seconds:.3f} | {1e6 * p.seconds / p.calls:,.1f} |")
    return "\n".join(lines)


def table(result: Breakdown) -> str:
    """The parts as a Markdown table: calls, inclusive CPU, microseconds per call, share of the timed pass."""
    lines = ["| part | calls | CPU s | µs per call | share of the timed pass |", "| --- | --- | --- | --- | --- |"]
    for cost in result.costs:
        share = cost.cpu_s / result.timed_cpu_s if result.timed_cpu_s else 0.0
        lines.append(f"| {'· ' * cost.depth}{cost.label} | {cost.calls:,} | {cost.cpu_s:.2f} | "
                     f"{cost.us_per_call:,.1f} | {share:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.claims_breakdown", description=__doc__.split("\n")[0])
    parser.add_argument("warehouse", type=Path, help="a built warehouse whose sentences are read")
    parser.add_argument("--part", type=int, default=PART,
                        help=f"documents per call, as the stage's workers get them (default {PART}; 0: all at once)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--patterns", type=int, default=0, metavar="N",
                        help="also time every compiled pattern of the rules in a pass of its own; show the N costliest")
    args = parser.parse_args(argv)
    # Read once: the sentences and each part's mentions (found by the mention stage's code) serve both passes.
    data = claims_input(args.warehouse, args.part)
    result = measure(args.warehouse, args.part, data)
    print(f"{result.sentences:,} sentences in {result.parts} parts, {result.candidates:,} candidate sentences, "
          f"{result.claims:,} claims")
    print(f"claims pass: {result.untimed_cpu_s:.2f} CPU-s untimed, {result.timed_cpu_s:.2f} with the timers\n")
    print(table(result))
    figures = {**asdict(result), "costs": [asdict(c) for c in result.costs]}
    if args.patterns:
        patterns = measure_patterns(args.warehouse, args.part, data)
        print("\n" + pattern_table(patterns, args.patterns))
        figures["patterns"] = {**asdict(patterns), "calls": patterns.calls, "seconds": patterns.seconds,
                               "net_seconds": patterns.net_seconds}
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
