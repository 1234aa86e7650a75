import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import VERIFY_TAG, RasdSettings
from pipelines.lib.warehouse import start_build
from pipelines.stages.fingerprint import input_fingerprint, record_input_fingerprint
from pipelines.stages.ingest import run_ingest


@dg.multi_asset(
    specs=[
        dg.AssetSpec("raw_files", group_name="ingest", description="Every input file: ok, quarantined or deleted."),
        dg.AssetSpec("raw_documents", group_name="ingest", description="Decoded articles, one per record."),
    ],
    can_subset=False,
)
def ingest(context: dg.AssetExecutionContext, settings: RasdSettings, duckdb: DuckDBResource):
    """Copy new and changed corpus files into the raw zone and decode them."""
    start_build(settings.warehouse, context.run.run_id)
    fingerprint = input_fingerprint(settings.corpus, settings.reference, settings.dedup_threshold,
                                    settings.max_file_bytes)
    with duckdb.get_connection() as con:
        record_input_fingerprint(con, fingerprint)
        meta = run_ingest(con, settings.corpus, settings.lake, settings.reference / "outlets.csv",
                          settings.max_file_bytes, verify=context.run.tags.get(VERIFY_TAG) == "true")
    context.log.info(f"ingest: {meta}")
    yield dg.MaterializeResult(asset_key="raw_files", metadata=meta)
    yield dg.MaterializeResult(asset_key="raw_documents", metadata={"documents_read": meta["documents_read"]})
