from datetime import datetime

import dagster as dg

from pipelines.defs.marts.assets import mart_keys
from pipelines.defs.metadata import table_spec, warehouse_tables
from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.publish import run_publish

_SUMMARY_NAMES = {
    "n_files": "files", "n_documents": "documents", "n_canonical": "canonical_documents",
    "n_duplicates": "duplicate_documents", "n_quarantined": "quarantined_files",
    "n_claims": "claims_in_canonical_documents", "n_actors": "actors_named_in_canonical_documents",
    "n_locations": "locations_named_in_canonical_documents", "n_docs_processed": "documents_extracted_this_run",
}


@dg.multi_asset(
    specs=[table_spec("published_warehouse", group="publish", deps=mart_keys(), is_table=False,
                      kinds={"duckdb", "file"},
                      description="The DuckDB file readers open (RASD_WAREHOUSE): the run's building file moved "
                                  "over it atomically, or left as it was when the run changed nothing.")],
    can_subset=False,
)
def published_warehouse(context: dg.AssetExecutionContext, settings: RasdSettings):
    ensure_build(settings.warehouse)
    stats = context.instance.get_run_stats(context.run.run_id)
    started_at = datetime.fromtimestamp(stats.start_time).replace(microsecond=0) if stats.start_time else None
    meta = run_publish(settings.warehouse, context.run.run_id, started_at)
    # The summary's counts, named for what they count (make run prints the same figures).
    facts = {_SUMMARY_NAMES.get(key, key): value for key, value in meta.items()}
    yield dg.MaterializeResult(asset_key="published_warehouse", metadata={
        **facts, "path": dg.MetadataValue.path(str(settings.warehouse)),
        "size_bytes": settings.warehouse.stat().st_size, "tables": warehouse_tables(settings.warehouse)})
