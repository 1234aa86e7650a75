"""Extraction in worker processes writes exactly what one process writes."""

import shutil

import duckdb
import pytest

from pipelines.lib.warehouse import apply_ddl
from pipelines.stages import extract
from pipelines.stages.clean import run_clean
from pipelines.stages.dedup import run_dedup
from pipelines.stages.extract import run_claims, run_mentions
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE

TABLES = ("actor_mentions", "location_mentions", "actors", "locations", "casualty_claims")


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory, shared_dir):
    """A warehouse with the dev corpus ingested, cleaned and deduplicated, not yet extracted."""
    root = tmp_path_factory.mktemp("workers")
    con = duckdb.connect(str(root / "base.duckdb"))
    apply_ddl(con)
    run_ingest(con, shared_dir / "corpus" / "dev", root / "lake", REFERENCE / "outlets.csv", 20 * 2**20)
    run_clean(con, REFERENCE / "boilerplate.yaml")
    run_dedup(con, 0.8)
    con.close()
    return root / "base.duckdb"


def _extract(cleaned, path, monkeypatch, workers: int, part: int, shared: bool = False, batch: int = 60) -> dict:
    shutil.copy(cleaned, path)
    monkeypatch.setenv("RASD_WORKERS", str(workers))
    monkeypatch.setattr(extract, "BATCH", batch)      # 60: three batches of the 161 documents
    monkeypatch.setattr(extract, "PART", part)
    pool = extract.extraction_pool(workers, REFERENCE) if shared else None
    try:
        with duckdb.connect(str(path)) as con:
            meta = run_mentions(con, REFERENCE, pool=pool), run_claims(con, REFERENCE, pool=pool)
            tables = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}
            # Physical order too: the claims stage reads mentions in insertion order.
            tables["mention_order"] = con.execute(
                "select doc_id, char_start, actor_id from actor_mentions").fetchall()
    finally:
        if pool is not None:
            assert pool.started        # one batch of several parts went to the shared processes
            pool.close()
    return {"meta": meta, **tables}


def test_workers_and_parts_change_nothing(cleaned, tmp_path, monkeypatch):
    one = _extract(cleaned, tmp_path / "one.duckdb", monkeypatch, workers=1, part=10**6)
    split = _extract(cleaned, tmp_path / "split.duckdb", monkeypatch, workers=1, part=7)
    pool = _extract(cleaned, tmp_path / "pool.duckdb", monkeypatch, workers=2, part=7)
    # One batch of 161 documents in parts of 60, on the processes the two stages share.
    shared = _extract(cleaned, tmp_path / "shared.duckdb", monkeypatch, workers=2, part=60, shared=True, batch=2000)
    assert len(one["casualty_claims"]) > 50 and len(one["actor_mentions"]) > 1000
    assert any(row[-1] == "detected" for row in one["actors"])
    for name in (*TABLES, "mention_order"):
        assert split[name] == one[name], name
        assert pool[name] == one[name], name
        assert shared[name] == one[name], name
    for stage in range(2):
        for key in ("documents_processed", "sentences"):
            assert pool["meta"][stage][key] == split["meta"][stage][key] == one["meta"][stage][key] \
                == shared["meta"][stage][key]


@pytest.mark.parametrize(("workers", "small", "started"), [(2, False, True), (2, True, False), (1, False, None)])
def test_a_run_starts_its_extraction_workers_with_it_on_a_large_corpus(tmp_path, monkeypatch, workers, small,
                                                                       started):
    import dagster as dg

    from pipelines.defs import resources

    monkeypatch.setattr(resources, "corpus_is_small", lambda corpus: small)
    settings = resources.RasdSettings(corpus_dir=str(tmp_path), warehouse_path=str(tmp_path / "w.duckdb"),
                                      lake_dir=str(tmp_path / "lake"), reference_dir=str(REFERENCE), workers=workers)
    with dg.build_resources({"extraction_workers": resources.ExtractionWorkers(settings=settings)}) as built:
        pool = built.extraction_workers.pool
        # A large corpus: started as the run starts; a small one: when extraction first needs them; one worker:
        # none at all (extraction runs in the run's process).
        assert (pool.started if pool is not None else None) is started
        if pool is not None:
            assert pool.workers == 2
    if pool is not None:
        assert not pool.started       # the run's end closes them, if the claims step did not



def test_documents_extracted_before_have_their_rows_dropped_at_once_with_the_first_batch(cleaned, tmp_path,
                                                                                         monkeypatch):
    """Documents extracted again lose their earlier rows and stage_state rows in one delete per table, with the
    first batch (a delete and an update per batch read each table again and again: 22 s of a full re-extraction
    at 100,000 articles); each batch then writes its documents as if never extracted. Documents never extracted
    drop nothing."""
    shutil.copy(cleaned, tmp_path / "w.duckdb")
    scripts = []
    real = extract.run_script

    def run_script(con, name, frames):
        scripts.append(name)
        return real(con, name, frames)

    monkeypatch.setattr(extract, "run_script", run_script)
    monkeypatch.setattr(extract, "BATCH", 60)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        run_mentions(con, REFERENCE), run_claims(con, REFERENCE)
        # A first extraction: nothing to drop, no delete scans the tables.
        assert not [name for name in scripts if name.endswith("_drop_earlier")]
        before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}
        assert len(before["casualty_claims"]) > 50

        # A hundred documents extracted under another version, in batches of 30: their rows dropped once per
        # stage, before the first of the four batches is written.
        monkeypatch.setattr(extract, "BATCH", 30)
        con.execute("update stage_state set fingerprint = 'old' where stage in ('mentions', 'claims') and doc_id in "
                    "(select doc_id from stage_state where stage = 'claims' order by doc_id limit 100)")
        scripts.clear()
        assert run_mentions(con, REFERENCE)["documents_processed"] == 100
        assert run_claims(con, REFERENCE)["documents_processed"] == 100
        for stage in ("mentions", "claims"):
            assert scripts.count(f"staging/{stage}_drop_earlier") == 1
            assert scripts.count(f"staging/{stage}_merge") == 4
            assert scripts.index(f"staging/{stage}_drop_earlier") < scripts.index(f"staging/{stage}_merge")
        assert {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES} == before
        # Their stage_state rows were updated, not added: one row per stage and document, and nothing left to do.
        assert con.execute("select count(*) from stage_state where stage in ('mentions', 'claims') "
                           "group by stage, doc_id having count(*) > 1").fetchall() == []
        assert con.execute("select count(*) from stage_state where fingerprint = 'old'").fetchone()[0] == 0
        assert run_mentions(con, REFERENCE)["documents_processed"] == 0
        assert run_claims(con, REFERENCE)["documents_processed"] == 0


def test_a_bad_reference_file_fails_the_step_with_its_own_message_on_the_shared_workers(cleaned, tmp_path,
                                                                                        monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    with (reference / "claim_lexicon.yaml").open("a", encoding="utf-8") as fh:
        fh.write("triggers: [unclosed\n")
    shutil.copy(cleaned, tmp_path / "w.duckdb")
    monkeypatch.setattr(extract, "PART", 60)
    pool = extract.extraction_pool(2, reference)
    pool.start()            # the workers' warm-up fails on the lexicon: the pool must stay usable
    try:
        with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
            assert run_mentions(con, reference, pool=pool)["documents_processed"] == 161
            with pytest.raises(Exception, match="claim_lexicon.yaml") as failure:
                run_claims(con, reference, pool=pool)
        assert "terminated abruptly" not in str(failure.value)
    finally:
        pool.close()


def test_a_re_extraction_killed_after_its_first_batch_is_finished_by_the_next_run(cleaned, tmp_path, monkeypatch):
    """The first batch's commit drops the earlier rows of every document to extract again; a run killed after it
    leaves the other batches' documents without mentions and without a stage_state row, and the next run
    extracts exactly those, ending with the tables a whole run writes."""
    shutil.copy(cleaned, tmp_path / "w.duckdb")
    monkeypatch.setattr(extract, "BATCH", 30)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        run_mentions(con, REFERENCE), run_claims(con, REFERENCE)
        before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}
        con.execute("update stage_state set fingerprint = 'old' where stage = 'mentions' and doc_id in "
                    "(select doc_id from stage_state where stage = 'mentions' order by doc_id limit 100)")
        merges = []
        real = extract.run_script

        def killed_at_second_merge(con, name, frames):
            if name == "staging/mentions_merge":
                merges.append(name)
                if len(merges) == 2:
                    raise KeyboardInterrupt("killed")
            return real(con, name, frames)

        monkeypatch.setattr(extract, "run_script", killed_at_second_merge)
        with pytest.raises(KeyboardInterrupt):
            run_mentions(con, REFERENCE)
        monkeypatch.setattr(extract, "run_script", real)
        # The first batch's documents are done; the 70 others lost their mentions and their stage_state row.
        assert con.execute("select count(*) from stage_state where stage = 'mentions' and fingerprint = 'old'"
                           ).fetchone()[0] == 0
        undone = ("select doc_id from stage_state where stage = 'claims' except "
                  "select doc_id from stage_state where stage = 'mentions'")
        assert con.execute(f"select count(*) from ({undone})").fetchone()[0] == 70
        assert con.execute(f"select count(*) from actor_mentions where doc_id in ({undone})").fetchone()[0] == 0
        assert run_mentions(con, REFERENCE)["documents_processed"] == 70
        assert {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES} == before


def test_each_extraction_stage_extracts_again_only_after_an_edit_of_what_it_reads(cleaned, tmp_path):
    """An edit of the claim lexicon extracts the claims of every document again and no mention; an edit of the
    incidents' word lists extracts nothing; an edit of a file the mentions read extracts both (claims read the
    mentions). The same data under each version: the same rows. One folder, edited file after file."""
    shutil.copy(cleaned, tmp_path / "w.duckdb")
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        n_documents = run_mentions(con, reference)["documents_processed"]
        assert run_claims(con, reference)["documents_processed"] == n_documents > 100
        before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}
        for name, mentions_again, claims_again in [("claim_lexicon.yaml", 0, n_documents),
                                                   ("incident_words.yaml", 0, 0),
                                                   ("person_roles.yaml", n_documents, n_documents)]:
            with (reference / name).open("a", encoding="utf-8") as fh:
                fh.write("\n# edited: the same data\n")
            assert run_mentions(con, reference)["documents_processed"] == mentions_again, name
            assert run_claims(con, reference)["documents_processed"] == claims_again, name
            assert {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES} == before, name
