import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.checks import contract_results, contract_specs
from pipelines.defs.metadata import table_results, table_spec
from pipelines.defs.resources import RasdSettings
from pipelines.stages.clean import run_clean

_TABLES = ["clean_documents", "sentences"]


@dg.multi_asset(
    specs=[
        table_spec("clean_documents", group="clean", deps=["raw_documents"], published=False,
                   description="Per article, the counts and hashes of its cleaning (characters, paragraphs and "
                               "boilerplate lines removed, cleaner version) that incremental runs compare."),
        table_spec("sentences", group="clean", deps=["raw_documents"],
                   description="Sentences of the clean text with paragraph number and character offsets into "
                               "documents.text."),
    ],
    check_specs=contract_specs(_TABLES),
    can_subset=False,
)
def clean(settings: RasdSettings, duckdb: DuckDBResource):
    """Clean new and changed articles: display and normalised text without boilerplate, and their sentences."""
    with duckdb.get_connection() as con:
        meta = run_clean(con, settings.reference / "boilerplate.yaml", settings.dask_scheduler)
        yield from table_results(con, {
            "clean_documents": {"documents_cleaned_this_run": meta["documents_cleaned"],
                                # cleaned again by a new cleaner and as they were: their rows kept
                                "documents_cleaned_unchanged": meta["documents_unchanged"]},
            "sentences": {"sentences_written_this_run": meta["sentences_written"]}})
        yield from contract_results(con, _TABLES, meta)
