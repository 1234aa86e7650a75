"""A detected person keeps the row of its first detection across incremental runs, and a full
re-extraction detects it afresh."""

import shutil

import duckdb

from pipelines.lib.warehouse import apply_ddl
from pipelines.stages.clean import run_clean
from pipelines.stages.dedup import run_dedup
from pipelines.stages.extract import run_claims, run_mentions
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE

FIRST = "تصريح عن الهجوم\n\nوقال الناطق باسم جيش الإسلام سامر الحوراني إن الهجوم على المدينة فشل.\n"
LATER = "تصريح آخر\n\nوقال الناطق باسم أحرار الشرقية سامر الحوراني إن القصف على الريف استمر طوال الليل.\n"


def _run(con, corpus, lake, reference=REFERENCE) -> dict:
    run_ingest(con, corpus, lake, reference / "outlets.csv", 20 * 2**20)
    run_clean(con, reference / "boilerplate.yaml")
    run_dedup(con, 0.8)
    return run_mentions(con, reference) | {"claims": run_claims(con, reference)}


def _person(con) -> tuple:
    return con.execute("select actor_id, parent_id, side from actors where source = 'detected' "
                       "and name_ar = 'سامر الحوراني'").fetchall()


def test_detected_person_keeps_its_first_row_until_a_full_reextraction(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b_first.txt").write_text(FIRST, encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    assert _run(con, corpus, tmp_path / "lake")["documents_processed"] == 1
    [(person, parent, side)] = _person(con)
    assert (parent, side) == ("jaysh_al_islam", "opposition")

    (corpus / "a_later.txt").write_text(LATER, encoding="utf-8")   # sorts first: a full run would see it first
    assert _run(con, corpus, tmp_path / "lake")["documents_processed"] == 1
    assert _person(con) == [(person, "jaysh_al_islam", "opposition")]
    assert con.execute("select count(distinct doc_id) from actor_mentions where actor_id = ?",
                       [person]).fetchone()[0] == 2

    con.execute("delete from stage_state where stage = 'mentions'")     # as after a reference-data change
    assert _run(con, corpus, tmp_path / "lake")["documents_processed"] == 2
    assert _person(con) == [(person, "ahrar_al_sharqiya", "opposition")]


def test_swapping_the_corpus_keeps_the_detected_rows_its_deleted_documents_name(tmp_path):
    """Every live document is new (the corpus folder was swapped for another), so mentions re-extracts them
    all and detects persons afresh; the mentions of the documents that left still resolve."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "b_first.txt").write_text(FIRST, encoding="utf-8")
    (second / "a_later.txt").write_text(LATER.replace("سامر الحوراني", "ماهر العبدالله"), encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    _run(con, first, tmp_path / "lake")
    [(person, _, _)] = _person(con)

    assert _run(con, second, tmp_path / "lake")["documents_processed"] == 1
    assert con.execute("select count(*) from documents where status = 'deleted'").fetchone()[0] == 1
    assert _person(con) == [(person, "jaysh_al_islam", "opposition")]   # named by the deleted document
    assert con.execute("select count(*) from actor_mentions m left join actors a using (actor_id) "
                       "where a.actor_id is null").fetchone()[0] == 0
    assert con.execute("select count(*) from actors where source = 'detected' and name_ar = 'ماهر العبدالله'"
                       ).fetchone()[0] == 1


def test_a_dictionary_row_takes_the_reference_s_edit_and_stays_one_row(tmp_path):
    """Every batch names the dictionary's actors again and mentions_merge.sql adds only the ids the table lacks;
    run_mentions deletes the dictionary's rows before a run's first batch: the row stays one, as the reference
    has it, across runs, and an edit of the reference reaches it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b_first.txt").write_text(FIRST, encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    _run(con, corpus, tmp_path / "lake")
    row = "select name_en, actor_type, side from actors where actor_id = 'jaysh_al_islam'"
    assert con.execute(row).fetchall() == [("Jaysh al-Islam", "armed_opposition", "opposition")]

    (corpus / "c_again.txt").write_text(FIRST.replace("فشل", "تعثر"), encoding="utf-8")
    _run(con, corpus, tmp_path / "lake")
    assert con.execute(row).fetchall() == [("Jaysh al-Islam", "armed_opposition", "opposition")]

    edited = tmp_path / "reference"
    shutil.copytree(REFERENCE, edited)
    actors = edited / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace(",Jaysh al-Islam,", ",Army of Islam,"),
                      encoding="utf-8")
    assert _run(con, corpus, tmp_path / "lake", edited)["documents_processed"] == 2
    assert con.execute(row).fetchall() == [("Army of Islam", "armed_opposition", "opposition")]
    assert con.execute("select count(*) - count(distinct actor_id) from actors").fetchone() == (0,)
