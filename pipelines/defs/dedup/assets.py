import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.dedup import run_dedup


@dg.asset(group_name="dedup", deps=["clean_documents"],
          description="Documents with their dedup status: canonical (ok), duplicate, or deleted.")
def documents(settings: RasdSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_dedup(con, settings.dedup_threshold)
    return dg.MaterializeResult(metadata=meta)
