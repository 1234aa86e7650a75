import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.marts import run_marts


@dg.asset(group_name="marts", deps=["casualty_claims", "incidents", "documents"],
          description="Dashboard marts from sql/marts/*.sql (canonical documents only) and the full-text index.")
def marts(settings: RasdSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_marts(con)
    return dg.MaterializeResult(metadata=meta)
