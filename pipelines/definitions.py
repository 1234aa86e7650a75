"""The Dagster code location: assets, checks, schedule, sensor and resources. Nothing else."""

import dagster as dg

from pipelines.defs.automation import corpus_sensor, daily_schedule, rasd_job
from pipelines.defs.checks import contract_checks
from pipelines.defs.clean.assets import clean
from pipelines.defs.dedup.assets import documents
from pipelines.defs.extract.assets import casualty_claims, mentions
from pipelines.defs.incidents.assets import incidents
from pipelines.defs.ingest.assets import ingest
from pipelines.defs.marts.assets import marts
from pipelines.defs.publish.assets import published_warehouse
from pipelines.defs.resources import build_resources, settings_from_env

ASSETS = [ingest, clean, documents, mentions, casualty_claims, incidents, marts, published_warehouse]


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=contract_checks(),
        jobs=[rasd_job],
        schedules=[daily_schedule],
        sensors=[corpus_sensor],
        resources=build_resources(settings_from_env()),
    )
