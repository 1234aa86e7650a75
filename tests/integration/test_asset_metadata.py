"""Every asset carries the standard Dagster metadata (owners, kinds, its own description, a freshness policy
when readers see it; row count, column schema and preview on each materialisation), and the numbers in
it are the table's."""

import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import ASSETS, defs
from pipelines.defs.maintenance.assets import COMPACTION_FRESHNESS
from pipelines.defs.metadata import OWNERS, PREVIEW_ROWS, PUBLISHED_FRESHNESS
from pipelines.defs.resources import RasdSettings, build_resources, settings_from_env
from tests.conftest import SEEDS

STAGING = {"raw_documents", "clean_documents"}
NOT_TABLES = {"filter_macros", "incident_macros", "search_index", "search_macro", "published_warehouse",
              "lake_compaction"}


def test_every_asset_has_owner_kinds_and_its_own_description():
    graph = defs().resolve_asset_graph()
    nodes = [graph.get(key) for key in graph.get_all_asset_keys()]
    descriptions = [node.description for node in nodes]
    assert all(description and len(description) > 30 for description in descriptions)
    assert len(set(descriptions)) == len(descriptions)
    for node in nodes:
        name = node.key.to_user_string()
        assert list(node.owners) == OWNERS, name
        assert node.kinds and "duckdb" in node.kinds, name
        expected = (None if name in STAGING else COMPACTION_FRESHNESS if name == "lake_compaction"
                    else PUBLISHED_FRESHNESS)
        assert node.freshness_policy == expected, name
        assert ("dagster/table_name" in node.metadata) == (name not in NOT_TABLES), name
    # one asset per sql/marts file, with lineage read from its SQL
    parents = {node.key.to_user_string(): {p.to_user_string() for p in node.parent_keys} for node in nodes}
    assert parents["mart_doc_governorates"] == {"mart_claims", "mart_location_mentions"}
    assert parents["search_macro"] == {"search_index"}
    # the search index reads documents in the SQL its Python step runs (sql/marts/search_index/)
    assert parents["search_index"] == {"documents"}
    # casualty_claims is final once incidents has filled its incident columns
    assert {"incidents", "documents", "sentences"} <= parents["mart_claims"]
    assert parents["published_warehouse"] == {"mart_claims", "mart_actor_mentions", "mart_location_mentions",
                                              "mart_actor_pairs", "mart_doc_governorates", "filter_macros",
                                              "incident_macros", "search_index", "search_macro"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two runs on one instance over the seeds plus a copy of one of them with a line added (a near-duplicate
    document, whose claims stay in casualty_claims but are not counted for readers): the first builds, the
    second finds nothing to do."""
    tmp = tmp_path_factory.mktemp("metadata")
    corpus = tmp / "corpus"
    shutil.copytree(SEEDS, corpus)
    seed = corpus / "002_a4a810ac40d15723.txt"  # an article with claims
    (corpus / "copy_of_a_seed.txt").write_text(seed.read_text(encoding="utf-8") + "\nوأضاف المراسل أن الوضع هادئ.\n",
                                               encoding="utf-8")
    base = settings_from_env()
    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(tmp / "w.duckdb"), lake_dir=str(tmp / "lake"),
                            reference_dir=str(base.reference))
    instance = dg.DagsterInstance.ephemeral()
    latest = []
    for _ in range(2):
        result = dg.materialize(ASSETS, resources=build_resources(settings), instance=instance)
        assert result.success
        latest.append({key.to_user_string(): instance.get_latest_materialization_event(key).asset_materialization
                       for key in defs().resolve_asset_graph().get_all_asset_keys()
                       if key.to_user_string() != "lake_compaction"})     # its own schedule, tested apart
    return tmp / "w.duckdb", latest


def _values(materialization) -> dict:
    return {key: value.value for key, value in materialization.metadata.items()}


def test_metadata_equals_the_published_tables(runs):
    warehouse, latest = runs
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for materialized in latest:
            for name, mat in materialized.items():
                meta = _values(mat)
                if name in NOT_TABLES:
                    continue
                assert meta["dagster/row_count"] == con.execute(f"select count(*) from {name}").fetchone()[0], name
                columns = [row[0] for row in con.execute(f"describe {name}").fetchall()]
                assert [c.name for c in meta["dagster/column_schema"].columns] == columns, name
                preview = meta["preview"].records
                assert 0 < len(preview) <= PREVIEW_ROWS and set(preview[0].data) == set(columns), name
                assert [c.name for c in meta["preview"].schema.columns] == columns, name
        tables = {r.data["table"]: r.data["rows"] for r in _values(latest[-1]["published_warehouse"])["tables"].records}
        assert tables["casualty_claims"] == con.execute("select count(*) from casualty_claims").fetchone()[0]
        search = _values(latest[-1]["search_index"])
        assert search["mart_search_postings/row_count"] == con.execute(
            "select count(*) from mart_search_postings").fetchone()[0]


def test_claims_metadata_says_which_claims_it_counts(runs):
    """The issue's 384 against 348: the table holds the claims of duplicate documents too; readers see those
    of canonical documents. Both are in the metadata, each under its own name, and both equal the table."""
    warehouse, (first, second) = runs
    with duckdb.connect(str(warehouse), read_only=True) as con:
        n_all = con.execute("select count(*) from casualty_claims").fetchone()[0]
        n_canonical = con.execute("select count(*) from casualty_claims c join documents d using (doc_id) "
                                  "where d.status = 'ok'").fetchone()[0]
        (run_claims,) = con.execute("select n_claims from pipeline_runs").fetchone()
        n_duplicates = con.execute("select count(*) from documents where status = 'duplicate'").fetchone()[0]
    assert n_duplicates == 1 and n_all > n_canonical == run_claims
    claims = _values(first["casualty_claims"])
    assert claims["dagster/row_count"] == n_all == claims["claims_written_this_run"]
    assert claims["rows_in_canonical_documents"] == n_canonical
    assert _values(first["published_warehouse"])["claims_in_canonical_documents"] == n_canonical
    assert _values(first["mart_claims"])["dagster/row_count"] == n_canonical
    # A run with nothing to do writes no claim; the table's numbers stay.
    again = _values(second["casualty_claims"])
    assert again["claims_written_this_run"] == 0 and again["dagster/row_count"] == n_all
    assert _values(second["published_warehouse"])["published"] is False
