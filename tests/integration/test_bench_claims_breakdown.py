"""``bench.claims_breakdown`` times the parts of the claims pass on a real warehouse: every part of a claim is
counted once per claim, the timers change no claim, and every function is the pipeline's own again afterwards;
its patterns mode times every compiled pattern of the rules and puts each back (no timing asserted)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

import pipelines
from bench.claims_breakdown import PARTS, RULE_MODULES, measure, measure_patterns, pattern_table, table
from pipelines.lib.extract import claims, wordtrie
from pipelines.lib.extract.claim_attributes import ClaimAttributes
from pipelines.lib.extract.claim_patterns import compile_lexicon
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon


def test_the_parts_of_the_claims_of_the_seeds_are_counted_and_put_back(seeds_warehouse):
    warehouse, _ = seeds_warehouse
    originals = [getattr(owner, name) for owner, name, _, _ in PARTS]

    result = measure(warehouse, part=2)

    with duckdb.connect(str(warehouse), read_only=True) as con:
        n_sentences = con.execute("select count(*) from sentences").fetchone()[0]
        n_documents = con.execute("select count(distinct doc_id) from sentences").fetchone()[0]
    assert result.sentences == n_sentences and result.parts == -(-n_documents // 2)
    # The seeds' 15 claims (`make run` says so), from more candidate sentences than claims.
    assert result.claims == 15 and result.candidates > 15
    calls = {cost.label: cost.calls for cost in result.costs}
    assert calls["extract_claims (whole call)"] == result.parts
    assert calls["candidate filter (Polars regex)"] == result.parts
    assert 0 < calls["rules, document by document"] <= n_documents   # documents with a candidate
    # One _row per claim read, before restatements inside a document are merged.
    assert calls["one claim's attributes (_row)"] >= result.claims
    assert calls["claim phrases read (SentenceReader.read)"] <= result.candidates
    whole = result.costs[0].cpu_s
    assert all(0 <= cost.cpu_s <= whole + 1e-6 for cost in result.costs)
    assert result.timed_cpu_s > 0 and result.untimed_cpu_s > 0
    lines = table(result).splitlines()
    assert len(lines) == 2 + len(PARTS) and lines[3].startswith("| · candidate filter")
    # Every function is the pipeline's own again.
    assert [getattr(owner, name) for owner, name, _, _ in PARTS] == originals
    assert claims.extract_claims is originals[0]


@pytest.fixture
def seeds_lexicon():
    """The claim lexicon of this checkout, loaded as ``claims_input`` loads it."""
    return load_claim_lexicon(Path(pipelines.__file__).resolve().parents[1] / "seeds" / "reference"
                              / "claim_lexicon.yaml")


def _held_patterns(lexicon) -> list:
    """Every compiled pattern and scanner pattern the timers replace, by identity."""
    owners = [*RULE_MODULES, compile_lexicon(lexicon)]
    held = []
    for owner in owners:
        for value in vars(owner).values():
            if isinstance(value, re.Pattern):
                held.append(value)
            elif isinstance(value, wordtrie.Scanner):
                held.append(value.pattern)
    return held


def test_the_patterns_of_the_claim_rules_are_timed_and_put_back(seeds_warehouse, seeds_lexicon):
    warehouse, _ = seeds_warehouse
    before = _held_patterns(seeds_lexicon)
    built = ClaimAttributes.__init__

    result = measure_patterns(warehouse, part=2)

    # The timed pass found what the untimed one did (measure_patterns raises otherwise): the seeds' 15 claims.
    assert result.claims == 15
    names = {p.name for p in result.patterns}
    # The module patterns, the compiled lexicon's and the attribute rules' own are all reached.
    assert "claim_reader.WORD" in names
    assert any(n.startswith("lexicon.") for n in names) and any(n.startswith("attributes.") for n in names)
    assert result.calls == sum(p.calls for p in result.patterns) > 0
    assert all(p.calls > 0 for p in result.patterns)
    assert result.seconds >= result.net_seconds >= 0
    assert result.patterns == sorted(result.patterns, key=lambda p: -p.seconds)
    lines = pattern_table(result, 3).splitlines()
    assert lines[0].startswith(f"patterns: {result.calls:,} calls") and len(lines) == 4 + min(3, len(result.patterns))
    # Every pattern is the pipeline's own again, and ClaimAttributes builds its own.
    assert [id(p) for p in _held_patterns(seeds_lexicon)] == [id(p) for p in before]
    assert all(isinstance(p, re.Pattern) for p in before)
    assert ClaimAttributes.__init__ is built
