"""bench.timeline runs `make run` with its timers: every stage once, every contract rule, and nothing left
replaced after."""

import pipelines.defs.checks as checks
import pipelines.stages.dedup as dedup
from bench.timeline import run, summary


def test_a_run_on_the_seeds_times_every_stage_and_rule(seeds_environment):
    originals = (dedup.run_dedup, checks.count_violations, checks.view_as_table)

    status, timeline, wall = run()

    assert status == 0
    parts = [span.part for span in timeline.spans]
    stages = ["ingest", "clean", "dedup", "mentions", "claims", "incidents", "marts", "publish"]
    assert [p for p in parts if p.startswith("stage ")] == [f"stage {s}" for s in stages]
    assert parts.count("contract rules") == sum(len(files) for files in checks.rule_files().values())
    assert parts.count("corpus listing") == 1 and parts.count("release file refresh") == 1
    buckets = summary(timeline.spans, wall)
    assert buckets["wall"] == round(wall, 3) and buckets["stages"] > 0
    assert all(span.end >= span.start for span in timeline.spans)
    # The run is over: every reference is the pipeline's own function again.
    assert (dedup.run_dedup, checks.count_violations, checks.view_as_table) == originals
