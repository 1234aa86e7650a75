"""The floors bench mode and the per-stage table ``bench.run`` prints (no timing asserted: values only)."""

import polars as pl

from bench.floors import FLOOR_PARTS, polars_patterns
from bench.run import budget_line, floors_line, stage_markdown, stage_table


def _run() -> dict:
    # The pipeline's stages logged their ends at wall-clock 12 s (ingest, 2 s long) and 20 s (mentions, 4 s);
    # the process tree's cumulative CPU rose 1 CPU-s per wall second, then 2 from 16 s (two workers).
    samples = [(float(t), float(t) if t <= 16 else 16.0 + 2 * (t - 16)) for t in range(0, 25)]
    # Resident memory: 50 MB more each second up to 900 MB at 18 s, then down to 500 MB.
    memory = [(float(t), 50.0 * t if t <= 18 else 500.0) for t in range(1, 25)]
    return {
        "cpu_samples": samples, "rss_samples": memory,
        "stage_ends": {"ingest": 12.0, "mentions": 20.0},
        "run_log": {"ingest": {"seconds": 2.0}, "mentions": {"seconds": 4.0}},
        "facts": {"elapsed_s": 10.0},
        "wall_s": 14.0, "cpu_s": 20.0, "startup_cpu_s": 3.0,
    }


def test_stage_table_cuts_the_cpu_series_at_each_stage_and_divides_by_its_floor():
    floors = {"stages": {"ingest": 0.5, "mentions": 2.0, "checks_publish_dagster": 1.0}}
    rows = {r["stage"]: r for r in stage_table(_run(), floors)}
    assert rows["ingest"] == {"stage": "ingest", "wall_s": 2.0, "cpu_s": 2.0, "floor_cpu_s": 0.5, "over_floor": 4.0,
                              "peak_mb": 600}
    assert rows["mentions"]["cpu_s"] == 8.0 and rows["mentions"]["over_floor"] == 4.0
    assert rows["mentions"]["peak_mb"] == 900
    # Memory outside every stage (before 10 s, 12-16 s, after 20 s): its largest sample, at 15 s.
    assert rows["checks+publish+dagster"]["peak_mb"] == 750
    # The rest of the materialisation: 10 - 6 wall seconds; 20 - 3 (start-up) - 10 (stages) CPU seconds.
    assert rows["checks+publish+dagster"]["wall_s"] == 4.0
    assert rows["checks+publish+dagster"]["cpu_s"] == 7.0
    assert rows["whole run"] == {"stage": "whole run", "wall_s": 14.0, "cpu_s": 20.0, "floor_cpu_s": 3.5,
                                 "over_floor": 5.7, "peak_mb": 900}
    assert "clean" not in rows            # a stage that did not run has no row


def test_the_release_refresh_gets_a_row_of_its_own_out_of_the_rest():
    # The release file's refresh ran the 2 s up to 23 s (2 CPU-s a second then): 4 CPU-s against a 2 CPU-s copy.
    run = {**_run(), "stage_ends": {"ingest": 12.0, "mentions": 20.0, "release": 23.0}, "release_s": 2.0}
    floors = {"stages": {"ingest": 0.5, "mentions": 2.0, "release": 2.0, "checks_publish_dagster": 1.0}}
    rows = {r["stage"]: r for r in stage_table(run, floors)}
    assert rows["release"] == {"stage": "release", "wall_s": 2.0, "cpu_s": 4.0, "floor_cpu_s": 2.0,
                               "over_floor": 2.0, "peak_mb": 500}
    # The rest loses the release's wall and CPU seconds: 10 - 8 wall, 20 - 3 - 14 CPU.
    assert rows["checks+publish+dagster"]["wall_s"] == 2.0
    assert rows["checks+publish+dagster"]["cpu_s"] == 3.0
    assert rows["whole run"]["floor_cpu_s"] == 5.5
    assert [r["stage"] for r in stage_table(run, floors)][-3:] == ["release", "checks+publish+dagster", "whole run"]


def test_stage_markdown_marks_a_missing_floor():
    table = stage_markdown(stage_table(_run(), None))
    assert table.splitlines()[2] == "| ingest | 2.0 | 2.0 | — | — | 600 |"
    assert len(table.splitlines()) == 2 + 4


def test_the_budget_line_sets_the_run_cpu_per_article_against_what_the_target_allows():
    # 20 CPU-s for 8 articles: 2,500 CPU-ms each, 1,000 of them in mentions (8 CPU-s, the only extraction stage
    # that ran); two cores busy the whole run would do 8 articles in 10 s.
    line = budget_line(8, stage_table(_run(), None), cores=2, target=1)
    assert line == ("N = 8: 2500.00 CPU-ms an article (mentions and claims 1000.00, the rest 1500.00); 1 articles/s "
                    "on 2 cores allows 2000.00: with every core busy the whole run this CPU runs at most "
                    "1 articles/s")
    assert "at most 2 articles/s" in budget_line(8, stage_table(_run(), None), cores=4, target=1)
    # Without the whole run's CPU (no sampler) there is nothing to set against the budget.
    assert budget_line(8, stage_table({**_run(), "cpu_s": None}, None)) is None


def test_the_floors_line_puts_every_floored_stage_at_the_target_and_keeps_the_rest():
    floors = {"stages": {"ingest": 0.5, "mentions": 2.0, "checks_publish_dagster": 1.0}}
    rows = stage_table(_run(), floors)
    # 20 CPU-s in all, 17 in the three stage rows: 3 of start-up, which has no floor (375 CPU-ms an article).
    # At 1.5x: 3 + 0.75 + 3 + 1.5 = 8.25 CPU-s for 8 articles; at the floors: 3 + 0.5 + 2 + 1 = 6.5.
    assert floors_line(8, rows, cores=2) == (
        "N = 8: every stage with a floor at 1.5x it or under, the rest as measured (375.00 CPU-ms an article): "
        "1031.25 CPU-ms an article, at most 2 articles/s on 2 cores; every such stage at its floor: 812.50, at most "
        "2 articles/s")
    # A stage already under 1.5x its floor keeps what it used: 3 + 0.75 + 8 + 1.5 = 13.25 CPU-s.
    generous = {"stages": {**floors["stages"], "mentions": 100.0}}
    assert "(375.00 CPU-ms an article): 1656.25 CPU-ms" in floors_line(8, stage_table(_run(), generous), cores=2)
    assert floors_line(8, stage_table(_run(), None)) is None


def test_every_claim_pattern_kept_for_the_floor_runs_in_polars():
    patterns, left_out = polars_patterns()
    assert len(patterns) >= 19 and left_out < len(patterns)
    frame = pl.DataFrame({"t": ["قتل 5 مدنيين في قصف على البلدة", ""]})
    counts = frame.select([pl.col("t").str.count_matches(p).alias(f"p{i}") for i, p in enumerate(patterns)])
    assert counts.width == len(patterns) and counts.row(0)[0] is not None


def test_every_floor_part_belongs_to_a_stage_once():
    parts = [p for names in FLOOR_PARTS.values() for p in names]
    assert len(parts) == len(set(parts)) == 10
