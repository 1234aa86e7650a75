import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.checks import contract_results, contract_specs
from pipelines.defs.metadata import table_result, table_results, table_spec
from pipelines.defs.resources import ExtractionWorkers, RasdSettings
from pipelines.stages.extract import run_claims, run_mentions

_READS = ["documents", "sentences"]
_MENTION_TABLES = ["actors", "locations", "actor_mentions", "location_mentions"]


@dg.multi_asset(
    specs=[
        table_spec("actors", group="extract", deps=_READS,
                   description="The actor dictionary (state forces, factions, foreign states, monitors, media, "
                               "officials) plus persons detected from role patterns."),
        table_spec("locations", group="extract", deps=_READS,
                   description="The gazetteer (overlay and GeoNames) plus places introduced by a place word, "
                               "with coordinates and geo_precision."),
        table_spec("actor_mentions", group="extract", deps=_READS,
                   description="Each sentence's named actors: the actor, its surface text and offsets."),
        table_spec("location_mentions", group="extract", deps=_READS,
                   description="Each sentence's named places: the location, its surface text and offsets."),
    ],
    check_specs=contract_specs(_MENTION_TABLES),
    can_subset=False,
)
def mentions(settings: RasdSettings, duckdb: DuckDBResource, extraction_workers: ExtractionWorkers):
    """Actors and places named in each sentence of new or changed documents."""
    with duckdb.get_connection() as con:
        meta = run_mentions(con, settings.reference, settings.dask_scheduler, settings.build_cache,
                            extraction_workers.pool)
        # documents_processed: make run's summary reads it ("extracted this run").
        # documents_copied: exact copies given their original's rows instead of being read (stages/extract.py).
        run = {"documents_processed": meta["documents_processed"], "documents_copied": meta["documents_copied"],
               "sentences_read": meta["sentences"], "sentences_per_second": meta["sentences_per_second"]}
        yield from table_results(con, {
            "actors": {"documents_processed": meta["documents_processed"]},
            "locations": {"documents_processed": meta["documents_processed"]},
            "actor_mentions": {**run, "mentions_written_this_run": meta["actor_mentions"]},
            "location_mentions": {**run, "mentions_written_this_run": meta["location_mentions"]},
        }, canonical_rows=["actor_mentions", "location_mentions"])
        yield from contract_results(con, _MENTION_TABLES, meta)


@dg.multi_asset(
    specs=[table_spec("casualty_claims", group="extract",
                      deps=["actors", "locations", "actor_mentions", "location_mentions"],
                      description="Who says how many were killed or injured, where, by whom, with the evidence "
                                  "sentence and the offsets of the claim phrase.")],
    check_specs=contract_specs(["casualty_claims"]),
    can_subset=False,
)
def casualty_claims(settings: RasdSettings, duckdb: DuckDBResource, extraction_workers: ExtractionWorkers):
    """Read casualty claims from the sentences of new or changed documents."""
    with duckdb.get_connection() as con:
        meta = run_claims(con, settings.reference, settings.dask_scheduler, settings.build_cache,
                          extraction_workers.pool)
        # The last stage that needs them; they exit while this step reports and the next one starts.
        extraction_workers.close(wait=False)
        # dagster/row_count counts every claim, those of duplicate documents too; rows_in_canonical_documents
        # is the number the dashboard and the run summary show.
        yield table_result(con, "casualty_claims", {
            "documents_processed": meta["documents_processed"], "documents_copied": meta["documents_copied"],
            "sentences_read": meta["sentences"], "claims_written_this_run": meta["claims"],
            "sentences_per_second": meta["sentences_per_second"]},
            canonical_rows=True)
        yield from contract_results(con, ["casualty_claims"], meta)
