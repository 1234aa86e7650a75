"""The incident views through Streamlit's AppTest on a pipeline-built warehouse with fixture incidents
(tests/dashboards/incident_warehouse.py): the headline equals the sum of the incidents' best estimates,
the Incidents page lists and opens incidents with their claims and revision chain, the claims page ranks
incidents where sources disagree, the map sizes places by best estimates, and a warehouse without
incidents keeps the claim views."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import fmt, geo, incidents, methodology
from tests.dashboards.apptest_run import run_app


def rows(warehouse: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def open_app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("RASD_WAREHOUSE", str(warehouse))
    return run_app(page, **query)


def metric(at: AppTest, label_start: str) -> str:
    found = [m.value for m in at.metric if m.label.startswith(label_start)]
    assert len(found) == 1, [m.label for m in at.metric]
    return found[0]


def html_text(at: AppTest) -> str:
    return " ".join(html.unescape(h.proto.body) for h in at.get("html"))


def test_overview_headline_is_the_sum_of_incident_best_estimates(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch)
    (killed, killed_low, killed_high, injured, n_killed, n_incidents), = rows(
        incident_warehouse,
        """select sum(killed_best), sum(coalesce(killed_low, killed_best)), sum(coalesce(killed_high, killed_best)),
                  sum(injured_best), count(killed_best), count(*)
           from incidents""",
    )
    assert n_incidents >= 3 and killed > 0
    assert metric(at, "Killed · قتلى — best estimate") == fmt.count(killed)
    assert metric(at, "Injured · جرحى — best estimate") == fmt.count(injured)
    captions = html.unescape(" ".join(c.value for c in at.caption))
    assert f"Range {fmt.count(killed_low)} – {fmt.count(killed_high)} · {fmt.count(n_killed)} incidents" in captions
    # the raw sums of claims come second, explained
    raw_low, = rows(
        incident_warehouse,
        "select sum(c.count_low) from casualty_claims c join documents d on d.doc_id = c.doc_id and d.status = 'ok' "
        "where c.scope = 'event' and c.quantified and c.outcome = 'killed'",
    )[0]
    assert metric(at, "Sum of claims: killed").removeprefix("≥ ").startswith(fmt.count(raw_low))
    assert raw_low > killed  # the same attack told by three articles is summed three times
    assert "exceed the incident estimates" in captions
    labels = [m.label for m in at.metric]
    assert labels.index("Killed · قتلى — best estimate over incidents") < labels.index(
        "Sum of claims: killed · مجموع ادعاءات القتلى"
    )


def test_outcome_filter_empties_the_other_headline(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch)
    at.sidebar.multiselect(key="f_outcomes").select("injured").run()
    assert not at.exception
    assert metric(at, "Killed · قتلى — best estimate") == "0"
    injured, = rows(incident_warehouse, "select sum(injured_best) from incidents")[0]
    assert metric(at, "Injured · جرحى — best estimate") == fmt.count(injured)


def test_incidents_page_lists_incidents_and_follows_the_filters(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch, "app_pages/incidents.py")
    n_incidents, = rows(incident_warehouse, "select count(*) from incidents")[0]
    assert metric(at, "Incidents · الحوادث") == fmt.count(n_incidents)
    table = at.dataframe[0].value
    assert len(table) == n_incidents
    assert {"date", "place_ar", "place_en", "killed", "injured", "n_articles", "n_independent_sources"} <= set(
        table.columns
    )
    idlib = table[table["place_en"] == "Maarat al-Numan"].iloc[0]
    assert idlib["killed"] == "9 (7–12)" and idlib["n_articles"] == 3 and idlib["n_independent_sources"] == 2

    at.sidebar.multiselect(key="f_governorates").select("Idlib").run()
    assert not at.exception
    assert list(at.dataframe[0].value["place_en"]) == ["Maarat al-Numan"]


def test_one_incident_shows_its_claims_side_by_side_and_the_revision_chain(
    incident_warehouse: Path, monkeypatch
) -> None:
    at = open_app(incident_warehouse, monkeypatch, "app_pages/incidents.py", incident="inc:Idlib")
    assert at.selectbox(key="incident_pick").value == "inc:Idlib"
    assert metric(at, "Killed · قتلى — best (low–high)") == "9 (7–12)"
    shown = html_text(at)
    claims = rows(
        incident_warehouse,
        "select c.count_low, c.mention_text from casualty_claims c join documents d on d.doc_id = c.doc_id "
        "and d.status = 'ok' where c.incident_id = 'inc:Idlib'",
    )
    assert len(claims) == 4
    for _, phrase in claims:
        assert phrase in shown
    assert shown.count("<mark") >= len(claims)  # each evidence sentence marks its claim phrase
    assert "الدفاع المدني السوري" in shown and "المرصد السوري لحقوق الإنسان" in shown
    # the monitor's 7 revised to 12, oldest first
    plain = re.sub(r"<[^>]+>", "", shown)
    assert "killed · قتلى: 7 (المرصد السوري لحقوق الإنسان" in plain and "→ 12 (المرصد" in plain
    links = [p.proto.label for p in at.get("page_link") if "open article" in p.proto.label]
    assert len(links) == len(claims)


def test_claims_page_ranks_incidents_where_sources_disagree(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch, "app_pages/claims.py")
    assert any(t.label.startswith("Sources disagree") for t in at.tabs)
    n_disagree = metric(at, "Incidents where sources disagree")
    assert n_disagree == "2"
    shown = html_text(at)
    # Rif Dimashq (55 against 40: 1.38×) ranks above Maarat al-Numan (12 against 9: 1.33×)
    assert shown.index("1.38×") < shown.index("1.33×")
    sources = [df.value for df in at.dataframe if "figure" in df.value.columns]
    assert sorted(sources[1]["figure"]) == [9, 12]


def test_map_circles_are_sized_by_best_estimates(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch, "app_pages/locations.py")
    assert at.radio(key="map_sized_by").value == "incidents"
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert "claim-places" not in layers
    points = {p["location_id"]: p for p in layers["incident-places"]["data"]}
    expected = rows(
        incident_warehouse,
        """select i.location_id, sum(coalesce(i.killed_best, 0) + coalesce(i.injured_best, 0))
           from incidents i join locations l on l.location_id = i.location_id
           where l.lat is not null and l.geo_precision between 1 and 3 group by i.location_id""",
    )
    assert {k: geo.people_radius_m(int(v)) for k, v in expected} == {k: p["radius"] for k, p in points.items()}
    at.radio(key="map_sized_by").set_value("claims").run()
    layers = {layer["id"] for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    assert "claim-places" in layers and "incident-places" not in layers


def test_methodology_page_defines_the_terms_in_both_languages(incident_warehouse: Path, monkeypatch) -> None:
    at = open_app(incident_warehouse, monkeypatch, "app_pages/methodology.py")
    headers = [s.value for s in at.subheader]
    shown = html_text(at)
    terms = methodology.terms()
    assert {t.key for t in terms} >= {"claim", "incident", "cumulative", "estimates", "precision"}
    for term in terms:
        assert f"{term.en} · {term.ar}" in headers
        assert term.text_en in shown and term.text_ar in shown
    assert shown.count('dir="rtl"') >= len(terms)
    figures = methodology.accuracy()
    tables = [df.value for df in at.dataframe]
    assert sum(len(t) for t in tables) == len({f.measure for f in figures})
    assert not any(t.isna().any().any() for t in tables)  # every shown cell was measured
    claims = next(t for t in tables if "scope accuracy" in set(t["measure"]))
    scope = claims[claims["measure"] == "scope accuracy"].iloc[0]
    assert all(scope[f.corpus] == f.value for f in figures if f.measure == "scope accuracy")


def test_a_warehouse_without_incidents_keeps_the_claim_views(
    dashboard_warehouse: Path, tmp_path: Path, monkeypatch
) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy2(dashboard_warehouse, old)
    with duckdb.connect(str(old)) as con:
        con.execute("drop table if exists incidents")
    at = open_app(old, monkeypatch)
    assert not [m for m in at.metric if "best estimate" in m.label]
    assert metric(at, "Sum of claims: killed")
    at = open_app(old, monkeypatch, "app_pages/incidents.py")
    assert "no incidents yet" in at.info[0].value
    at = open_app(old, monkeypatch, "app_pages/claims.py")
    assert any(t.label.startswith("Conflicting claims") for t in at.tabs)
    at = open_app(old, monkeypatch, "app_pages/locations.py")
    assert not at.radio


def test_incident_figures_read_as_best_with_the_range() -> None:
    assert incidents.figure(9, 7, 12) == "9 (7–12)"
    assert incidents.figure(1200, 1200, 1200) == "1,200"
    assert incidents.figure(None, None, None) == "—"
