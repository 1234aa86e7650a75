"""bench.timeline: spans of timed calls, summed into the buckets of a run's wall time."""

import contextlib

from bench.timeline import Span, Timeline, summary, table


def _clock(times):
    it = iter(times)
    return lambda: next(it)


def test_a_timed_call_is_one_span_from_its_start_to_its_end():
    timeline = Timeline(clock=_clock([10.0, 10.5, 12.0]))
    timed = timeline.timed(lambda x: x * 2, "stage dedup")
    assert timed(21) == 42
    assert timeline.spans == [Span("stage dedup", 0.5, 2.0)]
    assert timeline.spans[0].seconds == 1.5


def test_a_failing_call_still_leaves_its_span():
    timeline = Timeline(clock=_clock([0.0, 1.0, 4.0]))

    def broken():
        raise ValueError("no")

    timed = timeline.timed(broken, "stage clean")
    try:
        timed()
    except ValueError:
        pass
    assert timeline.spans == [Span("stage clean", 1.0, 4.0)]


def test_a_context_manager_is_timed_until_its_block_begins():
    timeline = Timeline(clock=_clock([0.0, 1.0, 1.25]))
    inside = []

    @contextlib.contextmanager
    def view(name):
        yield name

    with timeline.timed_entry(view, "changed-document views for the rules")("changed_documents") as value:
        inside.append(value)
    assert inside == ["changed_documents"]
    assert timeline.spans == [Span("changed-document views for the rules", 1.0, 1.25)]


def test_the_buckets_and_what_no_timer_covers_add_up_to_the_wall_time():
    spans = [Span("corpus listing", 0.5, 1.0), Span("up-to-date check", 1.0, 1.25),
             Span("stage ingest", 2.0, 3.0), Span("contract rules", 3.0, 3.25), Span("contract rules", 3.25, 3.5),
             Span("changed-document views for the rules", 3.5, 3.75), Span("table metadata", 3.75, 4.0),
             Span("stage marts", 4.0, 6.0), Span("release file refresh", 6.5, 7.5)]
    out = summary(spans, wall_s=8.0)
    assert out == {
        "before Dagster: listing and up-to-date check": 0.75,
        "stages": 3.0,
        "release file refresh": 1.0,
        "contract rules (and their views)": 0.75,
        "table metadata": 0.25,
        "Dagster, imports and glue (not timed)": 2.25,
        "wall": 8.0,
    }


def test_the_rules_of_a_step_are_one_line_of_the_table():
    spans = [Span("contract rules", 1.0, 1.5), Span("stage dedup", 2.0, 3.0), Span("contract rules", 3.0, 3.25),
             Span("contract rules", 3.25, 3.75)]
    lines = table(spans).splitlines()
    assert lines[2:] == ["| contract rules | 1.00 | 1.50 | 0.500 | 1 |", "| stage dedup | 2.00 | 3.00 | 1.000 | 1 |",
                         "| contract rules | 3.00 | 3.75 | 0.750 | 2 |"]
