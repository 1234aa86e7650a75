import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.warehouse import ensure_build
from pipelines.stages.clean import run_clean


@dg.multi_asset(
    specs=[
        dg.AssetSpec("clean_documents", group_name="clean", deps=["raw_documents"],
                     description="Display and normalised text without boilerplate or repeated paragraphs."),
        dg.AssetSpec("sentences", group_name="clean", deps=["raw_documents"],
                     description="Sentences with paragraph number and offsets into documents.text."),
    ],
    can_subset=False,
)
def clean(settings: RasdSettings, duckdb: DuckDBResource):
    ensure_build(settings.warehouse)
    with duckdb.get_connection() as con:
        meta = run_clean(con, settings.reference / "boilerplate.yaml")
    yield dg.MaterializeResult(asset_key="clean_documents", metadata=meta)
    yield dg.MaterializeResult(asset_key="sentences", metadata={"sentences_written": meta["sentences_written"]})
