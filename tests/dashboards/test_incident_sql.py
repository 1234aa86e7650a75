"""The incident queries of the dashboard on hand-written rows whose answers are known: the headline sums
best estimates over incidents, filters pick incidents through their claims, sources that disagree are
ranked with revised figures and breakdowns left out, and the map sizes places by best estimates."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.sql import create_reader_macros, sql, sql_files
from pipelines.stages.marts import run_marts
from tests.dashboards.test_dashboard_sql import run

# doc -> (outlet, published, text); the claim phrase of each claim is found in its text
ARTICLES = {
    "mon1": ("الجزيرة", dt.datetime(2019, 5, 2), "غارة على سوق\n\nقال المرصد إن 10 مدنيين قتلوا في غارة على سوق حلب."),
    "res1": ("عنب بلدي", dt.datetime(2019, 5, 2),
             "الدفاع المدني\n\nأعلن الدفاع المدني مقتل 14 مدنيا بينهم 4 أطفال وإصابة 3 في غارة على سوق حلب."),
    "mon2": ("الجزيرة", dt.datetime(2019, 5, 3), "ارتفاع الحصيلة\n\nقال المرصد إن 12 مدنيا قتلوا في غارة سوق حلب."),
    "idl1": ("عنب بلدي", dt.datetime(2019, 6, 1), "قصف إدلب\n\nقتل 5 أشخاص في قصف على ريف إدلب."),
    "cum1": ("الجزيرة", dt.datetime(2019, 6, 2), "حصيلة\n\nبلغ عدد القتلى منذ بداية العام 900 شخص."),
}
# claim_id, doc, outcome, low, claimant actor, claimant text, place, scope, phrase, incident, revises, part of
CLAIMS = [
    ("k1", "mon1", "killed", 10, "sohr", None, "aleppo", "event", "10 مدنيين قتلوا", "inc1", None, None),
    ("k2", "res1", "killed", 14, None, "الدفاع المدني", "aleppo", "event", "مقتل 14 مدنيا", "inc1", None, None),
    ("b2", "res1", "killed", 4, None, None, "aleppo", "event", "4 أطفال", "inc1", None, "k2"),
    ("i2", "res1", "injured", 3, None, "الدفاع المدني", "aleppo", "event", "وإصابة 3", "inc1", None, None),
    ("k3", "mon2", "killed", 12, "sohr", None, "aleppo", "event", "12 مدنيا قتلوا", "inc1", "k1", None),
    ("k4", "idl1", "killed", 5, None, None, "idlib_rif", "event", "قتل 5 أشخاص", "inc2", None, None),
    ("c1", "cum1", "killed", 900, None, None, None, "cumulative", "عدد القتلى", None, None, None),
]
INCIDENTS = [
    # incident_id, date, place, precision, killed low/best/high, injured low/best/high,
    # claims, articles, outlets, sources
    ("inc1", dt.date(2019, 5, 2), "aleppo", 1, 10, 12, 14, 3, 3, 3, 5, 3, 2, 2),
    ("inc2", dt.date(2019, 6, 1), "idlib_rif", 3, 5, 5, 5, None, None, None, 1, 1, 1, 1),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path_factory.mktemp("incsql") / "w.duckdb"))
    for ddl in sql_files("ddl"):
        con.execute(ddl.read_text(encoding="utf-8"))
    for doc, (outlet, published, text) in ARTICLES.items():
        body = text.index("\n\n") + 2
        con.execute(
            """insert into document_texts by name select ? as doc_id, ? as file_id, ? as outlet, ? as title,
                   ? as published_at, text, ? as text_norm, length(text) as n_chars, 2 as n_paragraphs,
                   0 as n_paragraphs_removed, 0 as n_boilerplate_lines, ? as norm_sha256
               from (select ? as text)""",
            [doc, doc, outlet, text.split("\n")[0], published, normalize(text), doc, text],
        )
        con.execute("insert into sentences values (?, 1, 1, ?, ?, ?)", [doc, body, len(text), text[body:]])
    con.execute("insert into actors values ('sohr', 'المرصد السوري', 'SOHR', 'monitor', 'neutral', null, 'dictionary')")
    con.execute(
        "insert into locations values ('aleppo', 'حلب', 'Aleppo', 'city', 'حلب', 'Aleppo', 36.2, 37.16, 1, 'o')"
    )
    con.execute(
        "insert into locations values ('idlib_rif', 'ريف إدلب', 'Idlib countryside', 'region', 'إدلب', 'Idlib', "
        "35.8, 36.6, 3, 'o')"
    )
    for column, kind in (("event_date_low", "date"), ("event_date_high", "date"), ("incident_id", "varchar"),
                         ("revises_claim_id", "varchar"), ("part_of_claim_id", "varchar")):
        con.execute(f"alter table casualty_claims add column if not exists {column} {kind}")
    for cid, doc, outcome, low, actor, text, place, scope, phrase, incident, revises, part_of in CLAIMS:
        doc_text = ARTICLES[doc][2]
        start, body = doc_text.index(phrase), doc_text.index("\n\n") + 2
        con.execute(
            """insert into casualty_claims by name select ? as claim_id, ? as doc_id, 1 as sentence_no,
                   ? as outcome, ? as count_low, ? as count_high, true as quantified, 'civilians' as victim_group,
                   ? as claimed_by_actor_id, ? as claimed_by_text, ? as location_id, 'airstrike' as cause,
                   ? as scope, ? as evidence, ? as mention_text, ? as char_start, ? as char_end,
                   ? as incident_id, ? as revises_claim_id, ? as part_of_claim_id""",
            [cid, doc, outcome, low, low, actor, text, place, scope, doc_text[body:], phrase, start,
             start + len(phrase), incident, revises, part_of],
        )
    con.execute(
        """create table if not exists incidents (incident_id varchar, event_date_low date, event_date_high date,
               location_id varchar, geo_precision integer, cause varchar, perpetrator_actor_id varchar,
               killed_low bigint, killed_best bigint, killed_high bigint, injured_low bigint, injured_best bigint,
               injured_high bigint, n_claims integer, n_articles integer, n_outlets integer,
               n_independent_sources integer)"""
    )
    for row in INCIDENTS:
        con.execute(
            """insert into incidents by name select ? as incident_id, ? as event_date_low,
                   ? as event_date_high, ? as location_id, ? as geo_precision, 'airstrike' as cause,
                   ? as killed_low, ? as killed_best, ? as killed_high, ? as injured_low, ? as injured_best,
                   ? as injured_high, ? as n_claims, ? as n_articles, ? as n_outlets, ? as n_independent_sources""",
            [row[0], row[1], row[1], *row[2:]],
        )
    run_marts(con)
    create_reader_macros(con)   # what every reader of the lake does (the release file stores them)
    return con


def test_incidents_are_available(con) -> None:
    assert run(con, "incidents_available") == [
        {"has_incidents_table": True, "has_incident_id": True, "has_macros": True}
    ]


def test_headline_sums_best_estimates_once_per_incident(con) -> None:
    tolls = {r["outcome"]: r for r in run(con, "overview_incident_tolls")}
    assert (tolls["killed"]["best"], tolls["killed"]["low"], tolls["killed"]["high"]) == (17, 15, 19)
    assert (tolls["killed"]["n_incidents"], tolls["killed"]["n_with_figure"]) == (2, 2)
    injured = tolls["injured"]
    assert (injured["best"], injured["n_with_figure"], injured["n_without_figure"]) == (3, 1, 1)


def test_filters_pick_incidents_through_their_claims(con) -> None:
    injured_only = {r["outcome"]: r for r in run(con, "overview_incident_tolls", outcomes=["injured"])}
    assert (injured_only["killed"]["n_incidents"], injured_only["killed"]["best"]) == (0, 0)
    assert (injured_only["injured"]["n_incidents"], injured_only["injured"]["best"]) == (1, 3)
    assert [r["incident_id"] for r in run(con, "incidents_list", governorates=["Idlib"])] == ["inc2"]
    assert [r["incident_id"] for r in run(con, "incidents_list", actors=["sohr"])] == ["inc1"]
    assert [r["incident_id"] for r in run(con, "incidents_list")] == ["inc2", "inc1"]  # newest first
    listed = run(con, "incidents_list", outlets=["الجزيرة"])[0]
    assert (listed["place_ar"], listed["place_en"], listed["governorate_en"]) == ("حلب", "Aleppo", "Aleppo")


def test_disagreement_keeps_standing_figures_of_independent_sources(con) -> None:
    rows = run(con, "incidents_disagreement")
    # SOHR's 10 was revised to 12 by SOHR itself; the breakdown "4 children" is not a figure of its own
    assert {(r["source_key"], r["figure"]) for r in rows} == {("sohr", 12), ("الدفاع المدني", 14)}
    assert {(r["incident_id"], r["outcome"], r["ratio"], r["spread"], r["disagreement_rank"]) for r in rows} == {
        ("inc1", "killed", 1.17, 2, 1)
    }


def test_incident_claims_side_by_side_with_revision_and_breakdown(con) -> None:
    rows = run(con, "incident_claims", incident_id="inc1")
    assert [r["claim_id"] for r in rows] == ["k1", "k2", "b2", "k3", "i2"]
    by_id = {r["claim_id"]: r for r in rows}
    assert by_id["k3"]["revises_claim_id"] == "k1" and by_id["b2"]["part_of_claim_id"] == "k2"
    assert by_id["k1"]["claimant"] == "المرصد السوري" and by_id["k1"]["claimant_en"] == "SOHR"
    for r in rows:
        assert r["evidence"][r["phrase_start"]:r["phrase_start"] + len(r["mention_text"])] == r["mention_text"]


def test_timeline_and_map_use_incident_dates_and_best_estimates(con) -> None:
    timeline = run(con, "incidents_over_time")
    assert [(r["event_date"], r["outcome"], r["best"]) for r in timeline] == [
        (dt.date(2019, 5, 2), "injured", 3), (dt.date(2019, 5, 2), "killed", 12), (dt.date(2019, 6, 1), "killed", 5)
    ]
    points = run(con, "locations_incident_points")
    assert [(p["location_id"], p["killed_best"], p["injured_best"], p["n_incidents"]) for p in points] == [
        ("aleppo", 12, 3, 1), ("idlib_rif", 5, 0, 1)
    ]
    killed_only = run(con, "locations_incident_points", outcomes=["killed"])
    assert killed_only[0]["injured_best"] == 0


def test_claim_incidents_reads_a_warehouse_without_the_incident_columns(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("create table casualty_claims (claim_id varchar, claimed_by_actor_id varchar, claimed_by_text varchar)")
    con.execute("insert into casualty_claims values ('a', null, ' مصادر ')")
    script = sql("marts/065_incident_macros")
    con.execute(script.split("-- The incidents with at least one claim")[0])
    assert con.execute("select * from claim_incidents()").fetchall() == [
        ("a", None, None, None, None, None, None, "مصادر")
    ]
