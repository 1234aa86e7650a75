import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.incidents import run_incidents


@dg.asset(group_name="incidents", deps=["casualty_claims", "documents"],
          description="Event claims grouped into incidents (one act, one place, a short span) with best/low/high "
                      "figures; claims get their event dates, incident and the claim they revise.")
def incidents(settings: RasdSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_incidents(con, settings.reference)
    return dg.MaterializeResult(metadata=meta)
