"""Every dashboard page through Streamlit's AppTest, on a warehouse built by the real pipeline:
the figures shown equal the warehouse's own sums, filters change them and survive page
switches, and no page raises."""

from __future__ import annotations

import html
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import fmt
from tests.dashboards.apptest_run import run_app
from tests.dashboards.dash_warehouse import DUPLICATE_NAME, HOSTILE_NAME
from tests.dashboards.html_tables import Table, tables

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def open_page(dashboard_warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the app on ``page`` (the router's default when None) with optional query params, reading the
    test warehouse's lake at its published snapshot (the release file beside it holds the same tables)."""
    monkeypatch.setenv("RASD_WAREHOUSE", str(dashboard_warehouse))
    monkeypatch.setenv("RASD_LAKE", str(dashboard_warehouse.parent / "lake"))
    monkeypatch.setenv("RASD_DASHBOARD_SOURCE", "lake")

    return run_app


def page_tables(at: AppTest) -> list[Table]:
    return tables([h.value for h in at.html])


def claims_caption_count(at: AppTest) -> int:
    found = [c.value for c in at.caption if re.match(r"^[\d,]+ claims?\. ", c.value)]
    assert len(found) == 1, [c.value for c in at.caption]
    return int(found[0].split(" ")[0].replace(",", ""))


def metric(at: AppTest, label_start: str) -> str:
    found = [m.value for m in at.metric if m.label.startswith(label_start)]
    assert len(found) == 1, [m.label for m in at.metric]
    return found[0]


def expected_toll(warehouse: Path, outcome: str) -> str:
    """The overview's range computed straight from the contract tables, not the marts."""
    low, high, n_open = rows(
        warehouse,
        """select coalesce(sum(c.count_low) filter (where c.quantified), 0),
                  coalesce(sum(coalesce(c.count_high, c.count_low)) filter (where c.quantified), 0),
                  count(*) filter (where c.quantified and c.count_high is null)
           from casualty_claims c join documents d on d.doc_id = c.doc_id and d.status = 'ok'
           where c.scope = 'event' and c.outcome = ?""",
        [outcome],
    )[0]
    return fmt.toll_range(low, high, n_open)


def test_overview_figures_equal_the_warehouse(open_page, dashboard_warehouse: Path) -> None:
    at = open_page()
    n_files, n_quarantined = rows(
        dashboard_warehouse, "select count(*), count(*) filter (where status = 'quarantined') from raw_files"
    )[0]
    n_docs, n_ok, n_dup = rows(
        dashboard_warehouse,
        "select count(*), count(*) filter (where status = 'ok'), count(*) filter (where status = 'duplicate') "
        "from documents",
    )[0]
    # 5 seeds, a copy, the markup article, an empty and a binary file
    assert metric(at, "Files seen") == fmt.count(n_files) == fmt.count(9)
    assert metric(at, "Quarantined files") == fmt.count(n_quarantined)
    assert metric(at, "Documents") == fmt.count(n_docs)
    assert metric(at, "Canonical ·") == fmt.count(n_ok)
    assert metric(at, "Duplicates") == fmt.count(n_dup) and n_dup >= 1  # the copied seed
    assert metric(at, "Canonical, after filters") == fmt.count(n_ok)
    killed = metric(at, "Sum of claims: killed")
    assert killed == expected_toll(dashboard_warehouse, "killed")
    assert killed != "0"  # the seeds report deaths
    assert metric(at, "Sum of claims: injured") == expected_toll(dashboard_warehouse, "injured")
    run_id = rows(dashboard_warehouse, "select run_id from pipeline_runs order by finished_at desc limit 1")
    captions = " ".join(c.value for c in at.caption)
    assert (f"run {run_id[0][0]}" if run_id else "No pipeline run") in html.unescape(captions)


def test_outcome_filter_changes_figures_and_survives_a_page_switch(open_page, dashboard_warehouse: Path) -> None:
    at = open_page()
    injured = metric(at, "Sum of claims: injured")
    at.sidebar.multiselect(key="f_outcomes").select("injured").run()
    assert not at.exception
    assert metric(at, "Sum of claims: killed") == "0"
    assert metric(at, "Sum of claims: injured") == injured

    at.switch_page("app_pages/claims.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_outcomes").value == ["injured"]
    n_injured = rows(
        dashboard_warehouse,
        "select count(*) from casualty_claims c join documents d on d.doc_id = c.doc_id and d.status = 'ok' "
        "where c.outcome = 'injured'",
    )[0][0]
    assert claims_caption_count(at) == n_injured
    claims_table = next(t for t in page_tables(at) if "outcome · الحصيلة" in t.headers)
    assert 0 < len(claims_table.rows) <= n_injured
    assert set(claims_table.column("outcome")) == {"injured · جرحى"}


def test_outlet_filter_narrows_the_documents(open_page, dashboard_warehouse: Path) -> None:
    outlets = rows(
        dashboard_warehouse,
        "select coalesce(nullif(trim(outlet), ''), 'unknown') o, count(*) from documents where status = 'ok' "
        "group by o order by count(*), o",
    )
    outlet, n = outlets[0]
    at = open_page()
    at.sidebar.multiselect(key="f_outlets").select(outlet).run()
    assert metric(at, "Canonical, after filters") == fmt.count(n)
    assert "outlet: " in html.unescape(" ".join(c.value for c in at.caption))


def test_claims_page_table_cards_and_quantified_filter(open_page, dashboard_warehouse: Path) -> None:
    at = open_page("app_pages/claims.py")
    all_claims = rows(
        dashboard_warehouse,
        "select c.quantified, c.mention_text from casualty_claims c "
        "join documents d on d.doc_id = c.doc_id and d.status = 'ok'",
    )
    assert claims_caption_count(at) == len(all_claims) > 0
    # five breakdowns always drawn (event claims exist), plus the timeline when dates exist
    assert len(at.get("vega_lite_chart")) >= 5
    # evidence cards: the claim phrase is marked inside its sentence
    cards = [h.value for h in at.html if "<mark" in h.value]
    assert cards
    marked = {html.unescape(m) for card in cards for m in re.findall(r"<mark[^>]*>(.*?)</mark>", card)}
    assert marked <= {t for _, t in all_claims}
    assert [p for p in at.get("page_link") if "open article" in p.proto.label]

    at.sidebar.checkbox(key="f_quantified").check().run()
    assert not at.exception
    assert claims_caption_count(at) == sum(1 for q, _ in all_claims if q)


def test_claimed_by_filter_keeps_the_claims_of_the_chosen_claimant(open_page, dashboard_warehouse: Path) -> None:
    canonical = "from casualty_claims c join documents d on d.doc_id = c.doc_id and d.status = 'ok' "
    per_claimant = rows(dashboard_warehouse, f"select c.claimant_id, count(*) {canonical}"
                                             "where c.claimant_id is not null group by 1 order by 2 desc, 1")
    assert per_claimant and ("sohr", dict(per_claimant)["sohr"]) in per_claimant  # the monitor, rolled up
    at = open_page("app_pages/claims.py")
    box = at.sidebar.multiselect(key="f_claimants")
    assert set(box.options) == {label for (label,) in rows(
        dashboard_warehouse, "select a.name_ar || coalesce(' · ' || a.name_en, '') from actors a "
                             f"where a.actor_id in (select c.claimant_id {canonical})")}
    box.select("sohr").run()
    assert not at.exception
    n_canonical = len(rows(dashboard_warehouse, f"select 1 {canonical}"))
    assert claims_caption_count(at) == dict(per_claimant)["sohr"] < n_canonical
    assert "claimed by: المرصد السوري لحقوق الإنسان" in html.unescape(" ".join(c.value for c in at.caption))

    at.switch_page("app_pages/overview.py").run()
    assert at.sidebar.multiselect(key="f_claimants").value == ["sohr"]
    killed = rows(dashboard_warehouse, f"select coalesce(sum(c.count_low), 0) {canonical}"
                                       "where c.claimant_id = 'sohr' and c.scope = 'event' and c.outcome = 'killed' "
                                       "and c.quantified")[0][0]
    assert metric(at, "Sum of claims: killed").removeprefix("≥ ").startswith(fmt.count(killed))


def test_actors_page_counts(open_page, dashboard_warehouse: Path) -> None:
    at = open_page("app_pages/actors.py")
    n_actors, n_mentions, n_docs = rows(
        dashboard_warehouse,
        "select count(distinct m.actor_id), count(*), count(distinct m.doc_id) from actor_mentions m "
        "join documents d on d.doc_id = m.doc_id and d.status = 'ok'",
    )[0]
    assert metric(at, "Actors mentioned") == fmt.count(n_actors)
    assert metric(at, "Mentions") == fmt.count(n_mentions)
    assert metric(at, "Articles naming an actor") == fmt.count(n_docs)
    assert n_mentions > 0 and at.get("vega_lite_chart")
    # the who-claims-what heatmap names a claimant in both languages
    heatmap = [chart.proto for chart in at.get("vega_lite_chart") if '"victim_side"' in chart.proto.spec]
    assert len(heatmap) == 1
    specs = heatmap[0].spec + " ".join(d.data.data.hex() for d in heatmap[0].datasets)
    claimant = rows(dashboard_warehouse, "select name_ar || ' · ' || name_en from actors where actor_id = 'sohr'")[0][0]
    assert claimant.encode().hex() in specs


def test_locations_page_map_is_offline_and_unresolved_places_are_listed(open_page, dashboard_warehouse: Path) -> None:
    import json

    at = open_page("app_pages/locations.py")
    # circles sized by claims (the pipeline's incidents size them by default: test_incident_pages)
    at.radio(key="map_sized_by").set_value("claims").run()
    deck = at.get("deck_gl_json_chart")
    assert len(deck) == 1
    spec = json.loads(deck[0].proto.json)
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") and "http" not in deck[0].proto.json
    layers = {layer["id"]: layer for layer in spec["layers"]}
    placed = rows(
        dashboard_warehouse,
        "select count(distinct c.location_id) from casualty_claims c "
        "join documents d on d.doc_id = c.doc_id and d.status = 'ok' "
        "join locations l on l.location_id = c.location_id "
        "where l.lat is not null and l.geo_precision between 1 and 3",
    )[0][0]
    assert len(layers["claim-places"]["data"]) == placed
    assert metric(at, "Places with claims on the map") == fmt.count(placed)
    points = layers["claim-places"]["data"] + layers["mentioned-places"]["data"]
    assert all(p["lat"] != 0 or p["lon"] != 0 for p in points)
    unresolved = rows(
        dashboard_warehouse,
        """select count(*) from locations l where l.lat is null and l.location_id in (
               select m.location_id from location_mentions m join documents d on d.doc_id = m.doc_id
               where d.status = 'ok'
               union select c.location_id from casualty_claims c join documents d on d.doc_id = c.doc_id
               where d.status = 'ok')""",
    )[0][0]
    assert metric(at, "Unresolved places") == fmt.count(unresolved)


def test_article_search_matches_hamza_and_diacritic_variants(open_page, dashboard_warehouse: Path) -> None:
    at = open_page("app_pages/article.py")
    found = {}
    for words in ("حقوق الإنسان", "حقوق الانسان", "حُقوقِ الإنسانِ"):
        at.text_input(key="article_q").input(words).run()
        assert not at.exception
        found[words] = at.selectbox[0].options
    assert len({tuple(v) for v in found.values()}) == 1
    expected = rows(
        dashboard_warehouse,
        "select count(*) from documents where status = 'ok' and text_norm like '%حقوق الانسان%'",
    )[0][0]
    assert len(found["حقوق الانسان"]) >= expected > 0


def search_count(at: AppTest) -> int:
    found = [c.value for c in at.caption if re.match(r"^[\d,]+ articles? hold ", c.value)]
    assert len(found) == 1, [c.value for c in at.caption]
    return int(found[0].split(" ")[0].replace(",", ""))


def test_article_search_phrase_all_words_and_latin_names(open_page, dashboard_warehouse: Path) -> None:
    def n_docs(where: str, params: list) -> int:
        sql = f"select count(*) from documents where status = 'ok' and {where}"
        return rows(dashboard_warehouse, sql, params)[0][0]

    at = open_page("app_pages/article.py")
    at.text_input(key="article_q").input('"قوات النظام"').run()
    assert not at.exception
    phrase_hits = n_docs("contains(text_norm, ?)", ["قوات النظام"])
    assert search_count(at) == phrase_hits > 0
    results = [h.value for h in at.html if "rasd-results" in h.value][0]
    assert results.count("<li") == min(phrase_hits, 20)
    assert re.search(r"<mark[^>]*>قوات النظام</mark>", results)

    at.text_input(key="article_q").input("النظام قوات").run()  # all words, any order
    assert search_count(at) == n_docs("contains(text_norm, ?) and contains(text_norm, ?)", ["قوات", "النظام"])

    at.text_input(key="article_q").input("Aleppo").run()
    aleppo = n_docs("(contains(text_norm, ?) or contains(text_norm, ?))", ["حلب", "aleppo"])
    assert search_count(at) == aleppo > 0
    # the article picker shows titles, dates and outlets; ids stay out of the label (bidi scrambles them)
    options = at.selectbox[0].options
    doc_ids = [r[0] for r in rows(dashboard_warehouse, "select doc_id from documents")]
    assert len(options) == aleppo and not any(d in o for o in options for d in doc_ids)


def test_article_view_escapes_markup_and_keeps_text_exact(open_page, dashboard_warehouse: Path) -> None:
    doc_id, text = rows(
        dashboard_warehouse,
        "select d.doc_id, d.text from documents d join raw_files f on f.file_id = d.file_id where f.path = ?",
        [HOSTILE_NAME],
    )[0]
    at = open_page("app_pages/article.py", doc=doc_id)
    assert at.selectbox[0].value == doc_id
    blocks = [h.value for h in at.html]
    assert not any("<script" in b or "<b>القصف" in b for b in blocks)
    body = max((b for b in blocks if b.startswith('<div dir="rtl"')), key=len)
    # markup survives only as text: strip our own tags, unescape, and the article comes back
    assert html.unescape(re.sub(r"<br>", "\n", re.sub(r"</?(div|mark)[^>]*>", "", body))) == text
    if "<script>" in text:
        assert "&lt;script&gt;" in body
    assert "&#42;&#42;" in body or "**" not in text


def test_article_lists_duplicates(open_page, dashboard_warehouse: Path) -> None:
    dup, canon = rows(
        dashboard_warehouse,
        "select d.doc_id, d.duplicate_of from documents d join raw_files f on f.file_id = d.file_id "
        "where f.path = ?",
        [DUPLICATE_NAME],
    )[0]
    assert canon is not None
    at = open_page("app_pages/article.py", doc=canon)
    listed = [t for t in page_tables(at) if "status · الحالة" in t.headers]
    assert listed and dup in set(listed[0].column("article id"))
    assert set(listed[0].column("status")) <= {"duplicate · مكرر", "canonical · أصلي"}
    # the claims tab lists the document's extracted rows
    n_claims = rows(dashboard_warehouse, "select count(*) from casualty_claims where doc_id = ?", [canon])[0][0]
    claims_table = [t for t in page_tables(at) if "claim id · رقم الادعاء" in t.headers]
    assert len(claims_table[0].rows) == n_claims


def test_no_connection_outlives_a_page(open_page, dashboard_warehouse: Path) -> None:
    open_page("app_pages/claims.py")
    # DuckDB refuses a read-write connection while one with another configuration is open
    with duckdb.connect(str(dashboard_warehouse)) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] > 0


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_warehouse_shows_run_make_run(make: str, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "warehouse.duckdb"
    if make == "empty":
        duckdb.connect(str(path)).close()
    monkeypatch.setenv("RASD_WAREHOUSE", str(path))
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    assert not at.exception
    assert "make run" in at.info[0].value
    assert not at.sidebar.multiselect


def test_a_place_picked_on_the_locations_page_lists_its_claims(open_page, dashboard_warehouse: Path) -> None:
    place, n_claims = rows(
        dashboard_warehouse,
        "select c.location_id, count(*) from casualty_claims c "
        "join documents d on d.doc_id = c.doc_id and d.status = 'ok' "
        "join locations l on l.location_id = c.location_id "
        "where l.lat is not null and l.geo_precision between 1 and 3 group by 1 order by 2 desc, 1 limit 1",
    )[0]
    at = open_page("app_pages/locations.py")
    at.selectbox(key="map_place").select(place).run()
    assert not at.exception
    listed = next(t for t in page_tables(at) if "claim phrase · عبارة الادعاء" in t.headers)
    assert len(listed.rows) == min(n_claims, 20)
    assert any(c.value.startswith(f"{n_claims:,} claim") for c in at.caption)


@pytest.mark.parametrize(
    "page",
    ["app_pages/overview.py", "app_pages/claims.py", "app_pages/actors.py", "app_pages/locations.py",
     "app_pages/article.py", "app_pages/pipeline.py"],
)
def test_every_table_column_has_an_english_and_an_arabic_label(open_page, page: str) -> None:
    at = open_page(page)
    shown = page_tables(at)
    assert shown
    for table in shown:
        unlabelled = [h for h in table.headers if " · " not in h or "_" in h]
        assert not unlabelled, unlabelled
        # dates are shown without a time of day when they have none
        for row in table.rows:
            assert not any(cell.endswith("00:00:00") for cell in row)
