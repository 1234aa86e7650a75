"""Incidents end to end: articles written for these tests (never corpus text), dated by a metadata sidecar,
through the real pipeline (dagster.materialize, contract checks included) and the incidents stage alone."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.cli import build_warehouse
from pipelines.lib.warehouse import apply_ddl
from pipelines.stages.incidents import run_incidents
from tests.conftest import REFERENCE

# One air strike on one town's market told by three outlets (seven dead), a later toll rise by one of them,
# and a monitor's running total for the governorate.
ARTICLES = {
    "a_saraqib": ("مقتل سبعة مدنيين في غارة جوية على سراقب",
                  "قتل سبعة مدنيين أمس الجمعة في غارة جوية استهدفت سوقا شعبية في مدينة سراقب بريف إدلب، بحسب "
                  "المرصد السوري لحقوق الإنسان."),
    "b_saraqib": ("غارة على سوق سراقب",
                  "أفاد الدفاع المدني السوري بمقتل سبعة أشخاص في غارة جوية على سوق مدينة سراقب يوم الجمعة."),
    "c_saraqib": ("سبعة قتلى في سراقب",
                  "أسفرت غارة جوية على سوق مدينة سراقب يوم الجمعة عن مقتل سبعة مدنيين وإصابة 12 آخرين."),
    "d_saraqib": ("ارتفاع حصيلة غارة سراقب",
                  "ارتفع عدد قتلى الغارة الجوية على سوق مدينة سراقب إلى تسعة مدنيين."),
    "e_idlib_total": ("حصيلة القتلى في إدلب",
                      "ووثق المرصد السوري لحقوق الإنسان مقتل أكثر من 1200 مدني في محافظة إدلب منذ مطلع العام الجاري."),
}
SIDECAR = """file_name,published_at,url,outlet
a_saraqib.txt,2018-03-10,https://a.example/1,Outlet A
b_saraqib.txt,2018-03-10,https://b.example/1,Outlet B
c_saraqib.txt,2018-03-10T18:00:00,https://c.example/1,Outlet C
d_saraqib.txt,2018-03-11,https://a.example/2,Outlet A
e_idlib_total.txt,2018-03-11,https://b.example/2,Outlet B
"""


def _write(corpus, name: str, title: str, body: str) -> None:
    (corpus / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("incidents")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (title, body) in ARTICLES.items():
        _write(corpus, name, title, body)
    (corpus / "metadata.csv").write_text(SIDECAR, encoding="utf-8")
    assert build_warehouse(corpus, root / "w.duckdb", root / "lake")["success"]
    return root


def _claims(con) -> dict:
    rows = con.execute("select doc_id, outcome, count_low, scope, incident_id, revises_claim_id, claim_id, "
                       "event_date_low, event_date_high from casualty_claims order by doc_id, char_start").fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def test_one_attack_told_by_three_outlets_is_one_incident_with_best_seven(built):
    con = duckdb.connect(str(built / "w.duckdb"), read_only=True)
    claims = _claims(con)
    killed = [claims[(d, "killed")] for d in ("a_saraqib", "b_saraqib", "c_saraqib", "d_saraqib")]
    assert {c[2] for c in killed} == {claims[("a_saraqib", "killed")][2]} and killed[0][2] is not None
    rows = con.execute("select killed_low, killed_best, killed_high, injured_best, n_claims, n_articles, n_outlets, "
                       "n_independent_sources, event_date_low, event_date_high, location_id from incidents").fetchall()
    assert len(rows) == 1
    low, best, high, injured, n_claims, n_articles, n_outlets, n_sources, first, last, place = rows[0]
    assert (low, best, high, injured) == (7, 7, 9, 12)       # three sources say 7; one outlet later says 9
    assert (n_claims, n_articles, n_outlets, n_sources) == (5, 4, 3, 4)
    assert str(first) == str(last) == "2018-03-09" and place == "sy:saraqib"   # "أمس الجمعة" of March 10


def test_a_toll_rise_revises_the_figure_before_it(built):
    con = duckdb.connect(str(built / "w.duckdb"), read_only=True)
    claims = _claims(con)
    assert claims[("d_saraqib", "killed")][3] == claims[("c_saraqib", "killed")][4]
    assert claims[("a_saraqib", "killed")][3] is None


def test_a_running_total_is_in_no_incident_and_has_no_event_date(built):
    con = duckdb.connect(str(built / "w.duckdb"), read_only=True)
    scope, incident, *_, low, high = _claims(con)[("e_idlib_total", "killed")][1:]
    assert (scope, incident, low, high) == ("cumulative", None, None, None)
    assert con.execute("select sum(killed_best) from incidents").fetchone()[0] == 7


def test_a_new_article_joins_the_incident_and_ids_stay(built):
    con = duckdb.connect(str(built / "w.duckdb"), read_only=True)
    before = con.execute("select incident_id from incidents").fetchall()
    con.close()
    corpus = built / "corpus"
    _write(corpus, "f_saraqib", "سراقب",
           "وقالت مصادر محلية إن سبعة مدنيين قتلوا في الغارة الجوية على سوق سراقب يوم الجمعة.")
    with open(corpus / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("f_saraqib.txt,2018-03-10,https://d.example/1,Outlet D\n")
    facts = build_warehouse(corpus, built / "w.duckdb", built / "lake")
    assert facts["success"]
    con = duckdb.connect(str(built / "w.duckdb"), read_only=True)
    assert con.execute("select incident_id from incidents").fetchall() == before
    assert con.execute("select n_articles, n_outlets, killed_best from incidents").fetchone() == (5, 4, 7)
    placed = con.execute("select n_processed from run_log where stage = 'incidents'").fetchone()[0]
    assert placed == 1                                     # the new article only: no re-clustering


def _doc(con, doc_id: str, published: str, outlet: str, body: str) -> None:
    con.execute("insert into document_texts (doc_id, file_id, outlet, title, published_at, text, text_norm, "
                "n_chars, n_paragraphs, n_paragraphs_removed, n_boilerplate_lines, norm_sha256) "
                "values (?, ?, ?, 't', ?, ?, ?, ?, 1, 0, 0, ?)",
                [doc_id, doc_id, outlet, published, body, body, len(body), doc_id])
    con.execute("insert into sentences values (?, 0, 0, 0, ?, ?)", [doc_id, len(body), body])


def _claim(con, claim_id: str, doc_id: str, body: str, phrase: str, count: int, group: str = "civilians",
           scope: str = "event", claimed_by: str | None = None) -> None:
    start = body.index(phrase)
    con.execute(
        "insert into casualty_claims (claim_id, doc_id, sentence_no, outcome, count_low, count_high, quantified, "
        "victim_group, location_id, cause, scope, evidence, mention_text, char_start, char_end, claimed_by_text) "
        "values (?, ?, 0, 'killed', ?, ?, true, ?, 'sy:kafranbel', 'shelling', ?, ?, ?, ?, ?, ?)",
        [claim_id, doc_id, count, count, group, scope, body, phrase, start, start + len(phrase), claimed_by])


def _warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    con.execute("insert into locations values ('sy:kafranbel', 'كفرنبل', 'Kafr Nabl', 'town', 'إدلب', 'Idlib', "
                "35.61, 36.56, 1, 'overlay')")
    return con


def test_a_figure_ten_outlets_repeat_from_one_source_is_one_source(tmp_path):
    con = _warehouse(tmp_path)
    said = {"sohr": ("المرصد", 12), "cd": ("الدفاع المدني", 9), "local": ("مصادر محلية", 9)}
    articles = [("o1", "sohr"), ("o2", "sohr"), ("o3", "sohr"), ("o4", "sohr"), ("o5", "cd"), ("o6", "local")]
    for n, (outlet, source) in enumerate(articles):
        name, count = said[source]
        body = f"قال {name} إن {count} مدنيا قتلوا في قصف مدفعي على بلدة كفرنبل أمس."
        _doc(con, f"d{n}", "2018-03-12", outlet, body)
        _claim(con, f"c{n}", f"d{n}", body, f"{count} مدنيا قتلوا", count, claimed_by=name)
    run_incidents(con, REFERENCE)
    row = con.execute("select killed_low, killed_best, killed_high, n_articles, n_outlets, n_independent_sources "
                      "from incidents").fetchall()
    assert row == [(9, 9, 12, 6, 6, 3)]          # 12 is printed four times but said once


def test_a_breakdown_stays_inside_its_total_and_is_never_summed(tmp_path):
    con = _warehouse(tmp_path)
    body = "قتل 30 شخصا بينهم 11 طفلا وثماني نساء في قصف مدفعي على بلدة كفرنبل صباح اليوم."
    _doc(con, "k1", "2018-03-12", "Outlet C", body)
    _claim(con, "total", "k1", body, "قتل 30 شخصا", 30, "unknown")
    _claim(con, "children", "k1", body, "11 طفلا", 11)
    _claim(con, "women", "k1", body, "ثماني نساء", 8)
    meta = run_incidents(con, REFERENCE)
    assert (meta["documents_placed"], meta["claims_placed"]) == (1, 3)
    parts = dict(con.execute("select claim_id, part_of_claim_id from casualty_claims").fetchall())
    assert parts == {"total": None, "children": "total", "women": "total"}
    assert con.execute("select killed_low, killed_best, killed_high, n_claims from incidents").fetchall() == [
        (30, 30, 30, 3)]
    assert run_incidents(con, REFERENCE)["documents_placed"] == 0          # nothing changed, nothing placed


def test_an_article_placed_again_elsewhere_never_takes_a_stored_incidents_name(tmp_path):
    con = _warehouse(tmp_path)
    first = "قتل 4 مدنيين في قصف مدفعي على بلدة كفرنبل أمس."
    second = "وقال ناشطون إن 4 مدنيين قتلوا في قصف مدفعي على بلدة كفرنبل يوم الأحد."
    _doc(con, "p1", "2018-03-12", "Outlet A", first)
    _claim(con, "k1", "p1", first, "قتل 4 مدنيين", 4)
    _doc(con, "p2", "2018-03-12", "Outlet B", second)
    _claim(con, "k2", "p2", second, "4 مدنيين قتلوا", 4)
    run_incidents(con, REFERENCE)
    assert {r[0] for r in con.execute("select incident_id from casualty_claims").fetchall()} == {"inc:k1"}
    # the founding article is re-dated a month later: its claim leaves, the incident keeps its name and p2
    con.execute("update document_texts set published_at = '2018-04-20' where doc_id = 'p1'")
    run_incidents(con, REFERENCE)
    placed = dict(con.execute("select claim_id, incident_id from casualty_claims").fetchall())
    assert placed == {"k2": "inc:k1", "k1": "inc:k1:2"}
    assert con.execute("select count(*), sum(n_claims) from incidents").fetchone() == (2, 2)


@pytest.mark.parametrize("stored_order", [["inc:a", "inc:b"], ["inc:b", "inc:a"]])
def test_a_claim_that_fits_two_stored_incidents_equally_joins_the_same_one_whatever_their_order(tmp_path,
                                                                                                 stored_order):
    # Two stored incidents alike in place, dates and cause: the new claim fits both as well; it must join the same
    # one however the table happens to hold them (the stored incidents are read in a fixed order).
    con = _warehouse(tmp_path)
    for incident_id in stored_order:
        con.execute("insert into incidents (incident_id, event_date_low, event_date_high, date_basis, location_id, "
                    "geo_precision, cause, n_claims, n_articles, n_outlets, n_independent_sources) "
                    "values (?, '2018-03-11', '2018-03-11', 'relative', 'sy:kafranbel', 1, 'shelling', 1, 1, 1, 1)",
                    [incident_id])
    body = "قتل 4 مدنيين في قصف مدفعي على بلدة كفرنبل أمس."
    _doc(con, "p1", "2018-03-12", "Outlet A", body)
    _claim(con, "k1", "p1", body, "قتل 4 مدنيين", 4)
    run_incidents(con, REFERENCE)
    assert con.execute("select incident_id from casualty_claims where claim_id = 'k1'").fetchone()[0] == "inc:a"
