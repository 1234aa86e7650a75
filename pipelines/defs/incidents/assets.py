import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.checks import contract_results, contract_specs
from pipelines.defs.metadata import table_result, table_spec
from pipelines.defs.resources import RasdSettings
from pipelines.stages.incidents import run_incidents


@dg.multi_asset(
    specs=[table_spec("incidents", group="incidents", deps=["casualty_claims", "documents"],
                      description="Event claims grouped into incidents (one act, one place, a short span) with "
                                  "best/low/high figures per outcome; claims get their event dates, their incident "
                                  "and the claim they revise.")],
    check_specs=contract_specs(["incidents"]),
    can_subset=False,
)
def incidents(settings: RasdSettings, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        meta = run_incidents(con, settings.reference)
        yield table_result(con, "incidents", meta)
        yield from contract_results(con, ["incidents"])
