"""The Dagster code location: assets, checks, schedule, sensor and resources. Nothing else."""

import dagster as dg

from pipelines.defs.automation import build_corpus_sensor, corpus_sensor_status, daily_schedule, rasd_job
from pipelines.defs.clean.assets import clean
from pipelines.defs.dedup.assets import documents
from pipelines.defs.extract.assets import casualty_claims, mentions
from pipelines.defs.incidents.assets import incidents
from pipelines.defs.ingest.assets import ingest
from pipelines.defs.maintenance.assets import compaction_job, compaction_schedule, lake_compaction
from pipelines.defs.marts.assets import build_marts
from pipelines.defs.publish.assets import published_warehouse
from pipelines.defs.resources import build_resources, settings_from_env

# The stages that write the warehouse's tables; the marts depend on those their SQL reads.
STAGE_ASSETS = [ingest, clean, documents, mentions, casualty_claims, incidents]
ASSETS = [*STAGE_ASSETS, build_marts(key.path[-1] for asset in STAGE_ASSETS for key in asset.keys),
          published_warehouse]


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[*ASSETS, lake_compaction],
        jobs=[rasd_job, compaction_job],
        schedules=[daily_schedule, compaction_schedule],
        # Built per load, so RASD_CORPUS_SENSOR of the process that loads the location applies.
        sensors=[build_corpus_sensor(corpus_sensor_status())],
        resources=build_resources(settings_from_env()),
        # Every job of this location, including the one behind "Materialize all" in the UI, runs its steps
        # in the run's own process: a subprocess per step re-imported Dagster and the pipeline for each of
        # the 18 steps (28-51 s for a run with nothing to do on the seeds, against 3.6 s in process), and
        # every step writes through the run's one lake connection.
        executor=dg.in_process_executor,
    )
