import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.extract import run_claims, run_mentions


@dg.multi_asset(
    specs=[
        dg.AssetSpec("actors", group_name="extract", deps=["documents", "sentences"],
                     description="Actor dictionary plus persons detected from role patterns."),
        dg.AssetSpec("locations", group_name="extract", deps=["documents", "sentences"],
                     description="Gazetteer plus places introduced by a place word."),
        dg.AssetSpec("actor_mentions", group_name="extract", deps=["documents", "sentences"]),
        dg.AssetSpec("location_mentions", group_name="extract", deps=["documents", "sentences"]),
    ],
    can_subset=False,
)
def mentions(settings: RasdSettings, duckdb: DuckDBResource):
    """Actors and places named in each sentence of new or changed documents."""
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_mentions(con, settings.reference)
    for key in ("actors", "locations", "actor_mentions", "location_mentions"):
        yield dg.MaterializeResult(asset_key=key, metadata=meta)


@dg.asset(group_name="extract", deps=["actors", "locations", "actor_mentions", "location_mentions"],
          description="Who says how many were killed or injured, where, by whom, with the evidence sentence.")
def casualty_claims(settings: RasdSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_claims(con, settings.reference)
    return dg.MaterializeResult(metadata=meta)
