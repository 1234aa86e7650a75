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
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from bench.extract_speed import claims_input
from pipelines.lib.extract import claim_reader, claims, wordtrie
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


def measure(warehouse: Path, part: int = PART) -> Breakdown:
    """The claims of ``warehouse``'s sentences in parts of ``part`` documents, untimed then timed part by part."""
    data = claims_input(warehouse, part)
    pairs, actors, locations, lexicon = data.pairs, data.actors, data.locations, data.lexicon
    _claims_pass(pairs[:1], actors, locations, lexicon)      # the lexicon compiled, as a warm worker has it
    start = time.process_time()
    untimed = _claims_pass(pairs, actors, locations, lexicon)
    untimed_s = time.process_time() - start
    with timers_installed() as costs:
        start = time.process_time()
        timed = _claims_pass(pairs, actors, locations, lexicon)
        timed_s = time.process_time() - start
    if not timed.equals(untimed):
        raise AssertionError("the timers changed the claims found")
    n_candidates = sum(claims.candidate_sentences(p, lexicon).height for p, _ in pairs)
    return Breakdown(data.sentences.height, len(pairs), timed.height, n_candidates, untimed_s, timed_s, costs)


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
    args = parser.parse_args(argv)
    result = measure(args.warehouse, args.part)
    print(f"{result.sentences:,} sentences in {result.parts} parts, {result.candidates:,} candidate sentences, "
          f"{result.claims:,} claims")
    print(f"claims pass: {result.untimed_cpu_s:.2f} CPU-s untimed, {result.timed_cpu_s:.2f} with the timers\n")
    print(table(result))
    if args.json is not None:
        args.json.write_text(json.dumps({**asdict(result), "costs": [asdict(c) for c in result.costs]}, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
