"""A daily schedule for the whole pipeline and a sensor that runs it when the corpus folder changes."""

from __future__ import annotations

import json

import dagster as dg

from pipelines.defs.resources import VERIFY_TAG, RasdSettings
from pipelines.lib.ingest.listing import corpus_fingerprint
from pipelines.settings import setting
from pipelines.stages.fingerprint import input_fingerprint, lake_reflects

WRITER_TAG = "rasd/writer"

rasd_job = dg.define_asset_job(
    "rasd_pipeline",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("lake_compaction"),
    description="Ingest, clean, deduplicate, extract, build marts and publish the warehouse.",
    # One process, one lake writer: every step writes through the run's one lake connection.
    executor_def=dg.in_process_executor,
    # The instance's run queue runs one run per value of this tag at a time (.dagster/dagster.yaml).
    tags={WRITER_TAG: "warehouse"},
)

# The daily run also hashes every file (VERIFY_TAG): the sensor and plain runs trust size and mtime.
daily_schedule = dg.ScheduleDefinition(
    name="rasd_daily", job=rasd_job, cron_schedule="0 3 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every day at 03:00 UTC, the whole pipeline over the corpus folder: new and changed files are "
                "read, changed documents re-extracted, the warehouse published; with nothing new it reads "
                "nothing and publishes nothing; it also hashes every file so a replaced file is found. The "
                "assets' freshness policy expects this run.",
    tags={VERIFY_TAG: "true"},
)

# How often the daemon looks at the corpus folder. A change starts a run one look after it is first seen
# (the folder listing, with sizes and mtimes, must be the same twice in a row), so a run starts 2 to 4
# minutes after files stop arriving, not while a copy is still growing them, and never at the first look
# after the daemon starts.
SENSOR_INTERVAL_S = 120
SENSOR_STATUSES = {"running": dg.DefaultSensorStatus.RUNNING, "stopped": dg.DefaultSensorStatus.STOPPED}


def corpus_sensor_status() -> dg.DefaultSensorStatus:
    """The sensor's status until an operator turns it on or off in the UI (which the instance then keeps):
    ``RASD_CORPUS_SENSOR`` = ``stopped`` (the default, `make dev`) or ``running`` (`make daemon`)."""
    value = setting("RASD_CORPUS_SENSOR").strip().lower()
    if value not in SENSOR_STATUSES:
        raise ValueError(f"RASD_CORPUS_SENSOR is {value!r}: use one of {', '.join(SENSOR_STATUSES)}")
    return SENSOR_STATUSES[value]


def _cursor_state(cursor: str | None) -> dict[str, str | None]:
    """``seen``: the corpus at the previous look; ``requested``: the corpus of the last run requested.
    A cursor from before this format is the fingerprint of the last run requested."""
    if not cursor:
        return {"seen": None, "requested": None}
    if not cursor.startswith("{"):
        return {"seen": cursor, "requested": cursor}
    return json.loads(cursor)


def build_corpus_sensor(default_status: dg.DefaultSensorStatus) -> dg.SensorDefinition:
    @dg.sensor(job=rasd_job, name="corpus_sensor", minimum_interval_seconds=SENSOR_INTERVAL_S,
               default_status=default_status,
               description=f"Runs the pipeline when files in the corpus folder (RASD_CORPUS) are added, changed "
                           f"or removed, once the folder has stayed the same for one look ({SENSOR_INTERVAL_S} s "
                           f"apart), and not when the published warehouse already reflects it. Off by default; "
                           f"RASD_CORPUS_SENSOR=running (make daemon) turns it on.")
    def corpus_sensor(context: dg.SensorEvaluationContext, settings: RasdSettings):
        fingerprint = corpus_fingerprint(settings.corpus)
        if not fingerprint:
            return dg.SkipReason(f"corpus folder {settings.corpus} does not exist")
        state = _cursor_state(context.cursor)
        if fingerprint == state["requested"]:
            if state["seen"] != fingerprint:  # back as it was: a later change must settle again
                context.update_cursor(json.dumps({**state, "seen": fingerprint}))
            return dg.SkipReason("no new, changed or deleted files")
        if fingerprint != state["seen"]:
            context.update_cursor(json.dumps({**state, "seen": fingerprint}))
            return dg.SkipReason(f"the corpus folder differs from the last run's (or this is the first look since "
                                 f"start-up): waiting {SENSOR_INTERVAL_S} s for it to stay the same")
        context.update_cursor(json.dumps({"seen": fingerprint, "requested": fingerprint}))
        current = input_fingerprint(settings.corpus, settings.reference, settings.dedup_threshold,
                                    settings.max_file_bytes)
        if lake_reflects(settings.lake_config, current):
            return dg.SkipReason("the lake's last run already reflects the corpus folder")
        return dg.RunRequest(run_key=fingerprint)

    return corpus_sensor

