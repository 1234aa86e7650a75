"""Lake compaction: its own asset, job and weekly schedule, outside the pipeline's job."""

from datetime import timedelta

import dagster as dg

from pipelines.defs.resources import RasdSettings
from pipelines.lib import lake
from pipelines.lib.writer_lock import writer_lock
from pipelines.stages.compaction import run_compaction

COMPACTION_KEY = "lake_compaction"
# Weekly: a warning when a week's run was missed, a failure after two.
COMPACTION_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(days=15), warn_window=timedelta(days=8))


@dg.asset(name=COMPACTION_KEY, group_name="maintenance", kinds={"duckdb", "ducklake"}, owners=["team:rasd"],
          freshness_policy=COMPACTION_FRESHNESS,
          # After a publication when both are materialised together ("Materialize all"): a compaction's
          # tagged commit must never fall in the middle of a run.
          deps=["published_warehouse"],
          description="Expire the lake's snapshots beyond the kept publications (RASD_LAKE_KEEP, never one a "
                      "reader pinned), write inlined rows to Parquet, merge adjacent small files, rewrite files "
                      "with many deleted rows, and delete files no kept snapshot needs. Holds the lake's writer "
                      "lock: it never runs beside a pipeline run.")
def lake_compaction(settings: RasdSettings) -> dg.MaterializeResult:
    with writer_lock(settings.lock_file, settings.lock_wait_s):
        with lake.connect(settings.lake_config) as con:
            done = run_compaction(con, settings.keep_published, settings.lake / "pins", settings.pin_ttl_s)
    return dg.MaterializeResult(metadata=done)


compaction_job = dg.define_asset_job(
    "lake_compaction_job", selection=dg.AssetSelection.assets(COMPACTION_KEY), executor_def=dg.in_process_executor,
    description="Compact the lake (lake_compaction).", tags={"rasd/writer": "warehouse"})

compaction_schedule = dg.ScheduleDefinition(
    name="lake_compaction_weekly", job=compaction_job, cron_schedule="0 4 * * 0", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every Sunday at 04:00 UTC (after the daily run), compact the lake: expire snapshots beyond the "
                "kept publications, merge small files, delete files nobody needs.")
