"""``bench.claims_breakdown`` times the parts of the claims pass on a real warehouse: every part of a claim is
counted once per claim, the timers change no claim, and every function is the pipeline's own again afterwards
(no timing asserted)."""

from __future__ import annotations

import duckdb

from bench.claims_breakdown import PARTS, measure, table
from pipelines.lib.extract import claims


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
