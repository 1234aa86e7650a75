import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.checks import contract_results, contract_specs
from pipelines.defs.metadata import table_result, table_spec
from pipelines.defs.resources import RasdSettings
from pipelines.stages.dedup import run_dedup


@dg.multi_asset(
    specs=[table_spec("documents", group="dedup", deps=["clean_documents"],
                      description="Every article's clean display and normalised text with its dedup status: "
                                  "canonical (ok), duplicate (of which, how similar) or deleted. A view over "
                                  "document_texts (written by the clean step) and document_decisions (by this "
                                  "one).")],
    check_specs=contract_specs(["documents"]),
    can_subset=False,
)
def documents(settings: RasdSettings, duckdb: DuckDBResource):
    """Find exact and near duplicates (MinHash + LSH) among new and changed documents."""
    with duckdb.get_connection() as con:
        meta = run_dedup(con, settings.dedup_threshold, settings.dask_scheduler)
        yield table_result(con, "documents", {"documents_hashed_this_run": meta["documents_hashed"],
                                              "duplicates": meta["duplicates"],
                                              "rewritten_this_run": meta["rewritten"]})
        yield from contract_results(con, ["documents"])
