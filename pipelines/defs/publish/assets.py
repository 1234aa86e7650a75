from datetime import UTC, datetime

import dagster as dg

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.publish import run_publish


@dg.asset(group_name="publish", deps=["marts"],
          description="The published warehouse: the building file moved over RASD_WAREHOUSE atomically.")
def published_warehouse(context: dg.AssetExecutionContext, settings: RasdSettings) -> dg.MaterializeResult:
    ensure_build(settings.warehouse)
    stats = context.instance.get_run_stats(context.run.run_id)
    started_at = (
        datetime.fromtimestamp(stats.start_time, UTC).replace(microsecond=0, tzinfo=None) if stats.start_time else None
    )
    meta = run_publish(settings.warehouse, context.run.run_id, started_at)
    return dg.MaterializeResult(metadata=meta)
