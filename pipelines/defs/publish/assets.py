from datetime import UTC, datetime

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.marts.assets import mart_keys
from pipelines.defs.metadata import table_spec, warehouse_tables
from pipelines.defs.resources import RasdSettings
from pipelines.lib import lake
from pipelines.lib.release import refresh_release_file, release_holds_newest
from pipelines.stages.publish import run_publish

# The run summary's counts (stages/publish.summary) as this asset's metadata names them.
SUMMARY_NAMES = {
    "n_files": "files", "n_documents": "documents", "n_canonical": "canonical_documents",
    "n_duplicates": "duplicate_documents", "n_quarantined": "quarantined_files",
    "n_claims": "claims_in_canonical_documents", "n_actors": "actors_named_in_canonical_documents",
    "n_locations": "locations_named_in_canonical_documents", "n_docs_processed": "documents_extracted_this_run",
}


@dg.multi_asset(
    specs=[table_spec("published_warehouse", group="publish", deps=mart_keys(), is_table=False,
                      kinds={"duckdb", "file"},
                      description="The run's publication: its last lake commit tagged 'publish' (readers attach "
                                  "the lake at the newest one), the release file at RASD_WAREHOUSE refreshed "
                                  "with the tables the run changed, and snapshots beyond the kept ones expired. "
                                  "A run that changed nothing publishes nothing.")],
    can_subset=False,
)
def published_warehouse(context: dg.AssetExecutionContext, settings: RasdSettings, duckdb: DuckDBResource):
    stats = context.instance.get_run_stats(context.run.run_id)
    started_at = (
        datetime.fromtimestamp(stats.start_time, UTC).replace(microsecond=0, tzinfo=None) if stats.start_time else None
    )
    with duckdb.get_connection() as con:
        meta = run_publish(con, context.run.run_id, started_at)
        release: dict = {}
        tables = None
        # A run that changed nothing still brings a release file that fell behind (a refresh that was killed,
        # or a file written by hand) to the newest publication.
        if settings.release_on_run and (meta["published"] or not release_holds_newest(con, settings.warehouse)):
            if meta["published"]:
                done = refresh_release_file(con, settings.warehouse, describe=warehouse_tables)
            else:
                # This run's own commits (its run log) are not part of the publication the file takes.
                reader, _ = lake.connect_published(settings.lake_config)
                with reader:
                    done = refresh_release_file(reader, settings.warehouse, describe=warehouse_tables)
            tables = done.described
            release = {"release_file": dg.MetadataValue.path(str(settings.warehouse)),
                       "release_from_run": done.base_run if done.base_run is not None else "none (written anew)",
                       "release_tables_written_whole": len(done.whole),
                       "release_tables_updated_by_key": len(done.by_key),
                       "release_documents_replaced": done.documents_replaced,
                       "release_copied_for_a_reader": done.copied,
                       "release_size_bytes": settings.warehouse.stat().st_size}
        if meta["published"]:
            pinned = lake.live_pins(settings.lake / "pins", settings.pin_ttl_s)
            release["snapshots_expired"] = len(lake.expire_unkept(con, settings.keep_published, pinned))
        if tables is None:      # no release file written this run: the tables as the lake holds them
            tables = warehouse_tables(con)
    # The summary's counts, named for what they count (make run prints the same figures).
    facts = {SUMMARY_NAMES.get(key, key): value for key, value in meta.items() if value is not None}
    yield dg.MaterializeResult(asset_key="published_warehouse", metadata={
        **facts, **release, "lake_catalog": settings.lake_config.catalog, "tables": tables})
