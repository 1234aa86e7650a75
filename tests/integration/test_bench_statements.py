"""bench.statements times every SQL statement of `make run` and tells the part of the run it ran in; nothing is
left replaced after."""

import pipelines.stages.common as common
import pipelines.stages.extract as extract
from bench.statements import COMMIT, OUTSIDE, Statement, attribute, label_of, run, totals
from bench.timeline import Span
from pipelines.defs.resources import StepConnection
from pipelines.lib import duck_inputs


def test_a_statement_is_told_by_its_script_and_first_line_of_code() -> None:
    query = "-- what it does\n\n  select count(*)\n  from casualty_claims;"
    assert label_of(query) == "select count(*)"
    assert label_of(query, "staging/claims_drop_earlier") == "sql/staging/claims_drop_earlier.sql: select count(*)"
    assert len(label_of("select " + "x, " * 100)) == 100


def test_a_statement_counts_in_the_innermost_part_it_ran_in() -> None:
    spans = [Span("stage marts", 0.0, 10.0), Span("contract rules", 2.0, 3.0)]
    statements = [Statement("a", 1.0, 1.5), Statement("b", 2.5, 2.6), Statement("a", 4.0, 4.25),
                  Statement("c", 11.0, 12.0)]
    assert [part for part, _ in attribute(statements, spans)] == ["stage marts", "contract rules", "stage marts",
                                                                  OUTSIDE]
    rows = totals(attribute(statements, spans))
    assert [(r.part, r.label, r.calls, r.seconds) for r in rows] == [
        (OUTSIDE, "c", 1, 1.0), ("stage marts", "a", 2, 0.75), ("contract rules", "b", 1, 0.1)]


def test_a_run_on_the_seeds_times_its_statements_by_part(seeds_environment):
    originals = (StepConnection.execute, StepConnection.commit, duck_inputs.fetch_frame, common.run_script,
                 extract.run_script)

    status, timeline, timer, wall = run()

    assert status == 0 and timer.statements
    rows = totals(attribute(timer.statements, timeline.spans))
    parts = {r.part for r in rows}
    assert {"stage ingest", "stage claims", "stage marts", "contract rules", "release file refresh"} <= parts
    labels = {(r.part, r.label) for r in rows}
    # a script's statements one by one, the frames fetched, the commits
    assert any(part == "stage claims" and label.startswith("sql/staging/claims_merge.sql: insert into casualty_claims")
               for part, label in labels)
    assert any(label.startswith("fetch: ") for _, label in labels)
    assert ("stage claims", COMMIT) in labels
    # a script statement is recorded once, not again as the step's execute of it
    assert not any(label.startswith("insert into casualty_claims") for _, label in labels)
    assert sum(r.seconds for r in rows) < wall
    assert (StepConnection.execute, StepConnection.commit, duck_inputs.fetch_frame, common.run_script,
            extract.run_script) == originals
