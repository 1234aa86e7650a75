"""The marts and dashboard queries on a few hand-written rows whose answers are known:
canonical documents only, cumulative tolls kept apart, conflicting claimants found,
filters bound as parameters, full-text search folding hamza and diacritics."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from dashboards import search
from dashboards.data import bound_params
from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.sql import create_reader_macros, sql, sql_files
from pipelines.stages.marts import run_marts

NO_FILTER = {
    "outlets": [], "date_from": None, "date_to": None, "governorates": [], "actors": [], "outcomes": [],
    "quantified_only": False, "claimants": [],
}
TEXTS = {
    "a": "قصف على حلب\n\nقال المرصد السوري إن 10 مدنيين قتلوا في حلب.",
    "b": "غارات على حلب\n\nقال الدفاع المدني إن 14 مدنيا قتلوا في حلب وأصيب 3.",
    "c": "حصيلة الحرب\n\nتجاوز عدد قتلى الحرب 340 ألف شخص بحسب المرصد.",
    "dup": "قصف على حلب\n\nقال المرصد السوري إن 10 مدنيين قتلوا في حلب.",
}


def _claim(cid, doc, outcome, low, high, claimant, scope="event", quantified=True, phrase="قتلوا"):
    text = TEXTS[doc]
    start = text.index(phrase)
    sent_start = text.index("\n\n") + 2
    return (
        cid, doc, 1, outcome, low, high, quantified, "civilians", None, None, None, claimant, None,
        "aleppo" if scope == "event" else None, None, "shelling", scope, text[sent_start:], phrase, start,
        start + len(phrase),
    )


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = tmp_path_factory.mktemp("sqlwh") / "w.duckdb"
    con = duckdb.connect(str(path))
    for ddl in sql_files("ddl"):
        con.execute(ddl.read_text(encoding="utf-8"))
    dates = {"a": dt.datetime(2018, 2, 20), "b": dt.datetime(2018, 2, 20), "c": dt.datetime(2018, 3, 1), "dup": None}
    outlets = {"a": "الجزيرة", "b": "عنب بلدي", "c": "الجزيرة", "dup": "الجزيرة"}
    for doc, text in TEXTS.items():
        status, dup_of = ("duplicate", "a") if doc == "dup" else ("ok", None)
        # `documents` is a view over the texts and the dedup decisions (sql/ddl/030_documents.sql)
        con.execute(
            "insert into document_texts values (?, ?, ?, ?, ?, null, ?, ?, ?, 2, 0, 0, ?)",
            [doc, doc, outlets[doc], text.split("\n")[0], dates[doc], text, normalize(text), len(text), doc],
        )
        con.execute("insert into document_decisions values (?, ?, ?, null)", [doc, status, dup_of])
        sent_start = text.index("\n\n") + 2
        con.execute("insert into sentences values (?, 1, 1, ?, ?, ?)", [doc, sent_start, len(text), text[sent_start:]])
    con.execute("insert into actors values ('sohr', 'المرصد السوري', 'SOHR', 'monitor', 'neutral', null, 'dictionary')")
    con.execute(
        "insert into locations values ('aleppo', 'حلب', 'Aleppo', 'city', 'حلب', 'Aleppo', 36.2, 37.16, 1, 'overlay')"
    )
    claims = [
        _claim("k1", "a", "killed", 10, 10, "sohr"),
        _claim("k2", "b", "killed", 14, 14, None),
        _claim("i1", "b", "injured", 3, 3, None, phrase="وأصيب"),
        _claim("cum", "c", "killed", 340000, None, "sohr", scope="cumulative", phrase="قتلى الحرب"),
        _claim("kd", "dup", "killed", 10, 10, "sohr"),  # in a duplicate: never counted
    ]
    # The 21 columns of the first release, by name: later releases add columns (incidents, event dates).
    first_release = ("claim_id, doc_id, sentence_no, outcome, count_low, count_high, quantified, victim_group, "
                     "victim_actor_id, perpetrator_actor_id, perpetrator_text, claimed_by_actor_id, claimed_by_text, "
                     "location_id, location_text, cause, scope, evidence, mention_text, char_start, char_end")
    con.executemany(f"insert into casualty_claims ({first_release}) values ({', '.join(['?'] * 21)})", claims)
    con.execute("update casualty_claims set claimed_by_text = 'الدفاع المدني' where claim_id in ('k2', 'i1')")
    con.execute("update casualty_claims set claimant_id = claimed_by_actor_id")
    run_marts(con)
    create_reader_macros(con)   # what every reader of the lake does (the release file stores them)
    return con


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    text = sql(f"dashboards/{name}")
    cur = con.execute(text, bound_params(text, {**NO_FILTER, **params}))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def test_mart_claims_keeps_canonical_documents_and_places_the_phrase(con) -> None:
    got = {r[0]: r[1:] for r in con.execute(
        "select claim_id, claimant, governorate, phrase_start, substr(evidence, phrase_start + 1, "
        "length(mention_text)) = mention_text from mart_claims").fetchall()}
    assert set(got) == {"k1", "k2", "i1", "cum"}
    assert got["k1"][:2] == ("المرصد السوري", "Aleppo")
    assert got["k2"][0] == "الدفاع المدني"
    assert all(r[3] for r in got.values())


def test_tolls_sum_event_claims_and_keep_cumulative_apart(con) -> None:
    tolls = {r["outcome"]: r for r in run(con, "overview_tolls")}
    assert (tolls["killed"]["low"], tolls["killed"]["high"], tolls["killed"]["n_open"]) == (24, 24, 0)
    assert (tolls["injured"]["low"], tolls["injured"]["n_claims"]) == (3, 1)
    cumulative = run(con, "overview_cumulative")
    assert [(r["count_low"], r["count_high"], r["claimant"]) for r in cumulative] == [(340000, None, "المرصد السوري")]


def test_filters_narrow_claims(con) -> None:
    assert run(con, "overview_tolls", outlets=["الجزيرة"])[0]["low"] == 10
    assert run(con, "overview_tolls", actors=["sohr"])[0]["low"] == 10
    assert run(con, "overview_tolls", date_from=dt.date(2018, 2, 21))[0]["n_claims"] == 0
    assert run(con, "overview_tolls", outcomes=["injured"])[0]["n_claims"] == 0
    assert run(con, "overview_tolls", governorates=["Idlib"])[0]["n_claims"] == 0
    assert run(con, "overview_tolls", claimants=["sohr"])[0]["low"] == 10
    assert run(con, "overview_tolls", claimants=["nobody"])[0]["n_claims"] == 0
    assert run(con, "overview_documents", governorates=["Aleppo"])[0]["n_matching"] == 2


def test_conflicting_claimants_for_one_place_and_day(con) -> None:
    rows = run(con, "claims_conflicts", same_day=True)
    assert sorted((r["place"], r["reported"], r["claimant"]) for r in rows) == [
        ("حلب", "10–10", "المرصد السوري"),
        ("حلب", "14–14", "الدفاع المدني"),
    ]
    by_claimant = [r for r in run(con, "claims_by_dimension") if r["dimension"] == "claimant"]
    by = {r["category"]: r["low"] for r in by_claimant if r["outcome"] == "killed"}
    assert by == {"المرصد السوري · SOHR": 10, "الدفاع المدني": 14}  # both names where the actor has both


def _search(con, query: str, names: dict | None = None) -> list[str]:
    terms = search.parse(query, names or {})
    found = run(con, "article_search", terms=[list(t.alternatives) for t in terms], words=search.bm25_words(terms))
    return sorted(r["doc_id"] for r in found)


def test_search_folds_hamza_and_diacritics_and_finds_clitic_forms(con) -> None:
    for words in ("الدفاع المدني", "الدِّفاع المدنيّ"):
        assert _search(con, words) == ["b"]
    # "حلب" is its own token in a and b, and a substring of nothing else: duplicates are not searched
    assert _search(con, "حلب") == ["a", "b"]


def test_search_needs_every_word_and_quotes_make_a_phrase(con) -> None:
    # both words occur in a ("قصف ... حلب") but not next to each other
    assert _search(con, "قصف حلب") == ["a"]
    assert _search(con, '"قصف حلب"') == []
    assert _search(con, '"قصف على حلب"') == ["a"]
    assert _search(con, "قتلوا المرصد") == ["a"]  # c has المرصد but not قتلوا
    assert _search(con, "حلب المرصد الدفاع") == []


def test_search_finds_latin_names_through_their_arabic_forms(con) -> None:
    names = search.name_index([("Aleppo", "حلب", ["بحلب"]), ("Syrian Civil Defence", "الدفاع المدني", None)])
    assert _search(con, "Aleppo", names) == ["a", "b"]
    assert _search(con, "aleppo syrian civil defence", names) == ["b"]
    assert _search(con, "Idlib", names) == []


def test_duplicates_are_listed_both_ways(con) -> None:
    assert [r["doc_id"] for r in run(con, "article_duplicates", doc_id="a")] == ["dup"]
    assert [r["doc_id"] for r in run(con, "article_duplicates", doc_id="dup")] == ["a"]
