"""A daily schedule for the whole pipeline and a sensor that runs it when the corpus folder changes."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.resources import VERIFY_TAG, RasdSettings
from pipelines.lib.ingest.scan import corpus_fingerprint

WRITER_TAG = "rasd/writer"

rasd_job = dg.define_asset_job(
    "rasd_pipeline",
    selection=dg.AssetSelection.all(),
    description="Ingest, clean, deduplicate, extract, build marts and publish the warehouse.",
    # One process, one DuckDB writer: steps must not open the building file concurrently.
    executor_def=dg.in_process_executor,
    # The instance's run queue runs one run per value of this tag at a time (.dagster/dagster.yaml).
    tags={WRITER_TAG: "warehouse"},
)

# The daily run also hashes every file (VERIFY_TAG): the sensor and plain runs trust size and mtime.
daily_schedule = dg.ScheduleDefinition(
    name="rasd_daily", job=rasd_job, cron_schedule="0 3 * * *", default_status=dg.DefaultScheduleStatus.RUNNING,
    tags={VERIFY_TAG: "true"},
)


@dg.sensor(job=rasd_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def corpus_sensor(context: dg.SensorEvaluationContext, settings: RasdSettings):
    """Request a run when files in the corpus folder are new, changed or gone."""
    fingerprint = corpus_fingerprint(settings.corpus)
    if not fingerprint:
        return dg.SkipReason(f"corpus folder {settings.corpus} does not exist")
    if fingerprint == context.cursor:
        return dg.SkipReason("no new, changed or deleted files")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
