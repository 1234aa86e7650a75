import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.checks import contract_results, contract_specs
from pipelines.defs.metadata import table_results, table_spec
from pipelines.defs.resources import VERIFY_TAG, ExtractionWorkers, RasdSettings
from pipelines.lib.ingest.listing import ListedCorpus
from pipelines.stages.fingerprint import input_fingerprint, record_input_fingerprint
from pipelines.stages.ingest import run_ingest

_TABLES = ["raw_files", "raw_documents"]


@dg.multi_asset(
    specs=[
        table_spec("raw_files", group="ingest",
                   description="Every file the corpus folder ever held, one row each: ok, quarantined (with the "
                               "reason) or deleted, with its sha256 in the raw zone, size, encoding and mtime."),
        table_spec("raw_documents", group="ingest", published=False,
                   description="The articles decoded from the ok files, one per record of a dump or per text "
                               "file, before cleaning: the staging input of the clean stage."),
    ],
    check_specs=contract_specs(_TABLES),
    can_subset=False,
)
def ingest(context: dg.AssetExecutionContext, settings: RasdSettings, duckdb: DuckDBResource,
           listed_corpus: dg.ResourceParam[ListedCorpus], extraction_workers: ExtractionWorkers):
    """Copy new and changed corpus files into the raw zone and decode them."""
    with duckdb.get_connection() as con:

        def record(listing: str) -> None:
            # The run's input digest, its corpus part from ingest's own scan (a walk of the folder fewer:
            # 0.6 s at 100,000 files), recorded before a file is read.
            record_input_fingerprint(con, input_fingerprint(settings.corpus, settings.reference,
                                                            settings.dedup_threshold, settings.max_file_bytes,
                                                            corpus_digest=listing))

        meta = run_ingest(con, settings.corpus, settings.lake, settings.reference / "outlets.csv",
                          settings.max_file_bytes, verify=context.run.tags.get(VERIFY_TAG) == "true",
                          on_listed=record, listing=listed_corpus.take(settings.corpus),
                          pool=extraction_workers.pool)
        context.log.info(f"ingest: {meta}")
        # files_* count this run's scan of the corpus folder (make run's summary reads files_seen/files_read).
        yield from table_results(con, {"raw_files": meta,
                                       "raw_documents": {"documents_read_this_run": meta["documents_read"]}})
        yield from contract_results(con, _TABLES)
