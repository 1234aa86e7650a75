"""Downloads: every exported column is in the codebook and the schema, an exported claim's numbers
and names equal the warehouse's, CSV opens in spreadsheets (BOM) and round-trips, Parquet keeps the
types, and an incidents table is exported as soon as the warehouse has one."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboards import data, exports, labels
from dashboards.filters import Filters
from tests.dashboards.apptest_run import run_app


@pytest.fixture
def frames(dashboard_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, pl.DataFrame]:
    monkeypatch.setenv("RASD_WAREHOUSE", str(dashboard_warehouse))
    return data.export_frames(**Filters().params())


def test_codebook_and_schema_list_exactly_the_exported_columns(frames: dict[str, pl.DataFrame]) -> None:
    assert set(frames) == {"claims", "mentions", "incidents"}  # the pipeline builds incidents
    package = exports.data_package(frames)
    markdown = exports.codebook_markdown(frames)
    for resource in package["resources"]:
        frame = frames[resource["name"]]
        assert [f["name"] for f in resource["schema"]["fields"]] == frame.columns
        for name in frame.columns:
            assert labels.columns()[name].description, name  # described in assets/columns.csv
            assert f"| `{name}` |" in markdown
    claims_fields = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert claims_fields["count_low"] == "integer" and claims_fields["lat"] == "number"
    assert claims_fields["published_date"] == "date" and claims_fields["quantified"] == "boolean"


def test_an_exported_claim_equals_the_warehouse(frames: dict[str, pl.DataFrame], dashboard_warehouse: Path) -> None:
    claims = frames["claims"]
    with duckdb.connect(str(dashboard_warehouse), read_only=True) as con:
        expected = con.execute(
            """select c.claim_id, c.count_low, c.count_high, c.scope, c.cause, l.name_ar, l.name_en, l.lat, l.lon,
                      l.geo_precision, ca.name_ar, ca.name_en
               from casualty_claims c join documents d on d.doc_id = c.doc_id and d.status = 'ok'
               left join locations l on l.location_id = c.location_id
               left join actors ca on ca.actor_id = c.claimed_by_actor_id
               order by c.claimed_by_actor_id is null, l.lat is null, c.claim_id"""
        ).fetchall()
    assert claims.height == len(expected) and claims["claim_id"].n_unique() == claims.height
    claim_id, low, high, scope, cause, place_ar, place_en, lat, lon, precision, by_ar, by_en = expected[0]
    assert lat is not None and by_ar is not None  # a claim with a placed location and a named claimant
    row = claims.filter(pl.col("claim_id") == claim_id).row(0, named=True)
    assert (row["count_low"], row["count_high"], row["scope"], row["cause"]) == (low, high, scope, cause)
    assert (row["location_ar"], row["location_en"], row["lat"], row["lon"]) == (place_ar, place_en, lat, lon)
    assert row["geo_precision"] == precision
    assert (row["claimed_by_ar"], row["claimed_by_en"]) == (by_ar, by_en)
    assert claims["count_low"].dtype.is_integer() and claims["lat"].dtype == pl.Float64
    urls = claims["source_url"].drop_nulls()
    assert all(u.startswith(("http://", "https://")) for u in urls)


def test_mentions_export_has_one_row_per_mention(frames: dict[str, pl.DataFrame], dashboard_warehouse: Path) -> None:
    with duckdb.connect(str(dashboard_warehouse), read_only=True) as con:
        n_actor, n_place = con.execute(
            """select (select count(*) from actor_mentions m join documents d on d.doc_id = m.doc_id
                       where d.status = 'ok'),
                      (select count(*) from location_mentions m join documents d on d.doc_id = m.doc_id
                       where d.status = 'ok')"""
        ).fetchone()
    mentions = frames["mentions"]
    counts = dict(mentions.group_by("mention_kind").len().iter_rows())
    assert counts == {"actor": n_actor, "location": n_place}
    assert mentions["mention_id"].n_unique() == mentions.height


def test_csv_has_a_bom_and_round_trips_and_parquet_keeps_types(frames: dict[str, pl.DataFrame]) -> None:
    claims = frames["claims"]
    raw = exports.csv_bytes(claims)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pl.read_csv(io.BytesIO(raw[3:]), schema=claims.schema)
    assert_frame_equal(back, claims)
    assert_frame_equal(pl.read_parquet(io.BytesIO(exports.parquet_bytes(claims))), claims)
    with zipfile.ZipFile(io.BytesIO(exports.bundle(frames))) as zf:
        names = set(zf.namelist())
        assert {"claims.csv", "claims.parquet", "mentions.csv", "codebook.md", "datapackage.json"} <= names
        assert json.loads(zf.read("datapackage.json"))["resources"][0]["encoding"] == "utf-8-sig"


def test_an_exported_incident_equals_the_warehouse(frames: dict[str, pl.DataFrame], dashboard_warehouse: Path) -> None:
    incidents = frames["incidents"]
    with duckdb.connect(str(dashboard_warehouse), read_only=True) as con:
        expected = con.execute(
            """select i.incident_id, i.killed_low, i.killed_best, i.killed_high, i.n_claims, l.name_ar, l.name_en
               from incidents i left join locations l on l.location_id = i.location_id
               order by i.killed_best desc nulls last, i.incident_id limit 1"""
        ).fetchone()
        n_incidents = con.execute("select count(*) from incidents").fetchone()[0]
    assert incidents.height == n_incidents > 0 and incidents["incident_id"].n_unique() == incidents.height
    incident_id, low, best, high, n_claims, place_ar, place_en = expected
    row = incidents.filter(pl.col("incident_id") == incident_id).row(0, named=True)
    assert (row["killed_low"], row["killed_best"], row["killed_high"], row["n_claims"]) == (low, best, high, n_claims)
    assert (row["location_ar"], row["location_en"]) == (place_ar, place_en)
    with duckdb.connect(str(dashboard_warehouse), read_only=True) as con:
        at_governorates = con.execute(
            "select i.incident_id from incidents i join locations l on l.location_id = i.location_id "
            "where l.kind = 'governorate'").fetchall()
    for (governorate_incident,) in at_governorates:  # placed at a governorate: in that governorate
        placed = incidents.filter(pl.col("incident_id") == governorate_incident).row(0, named=True)
        assert placed["governorate_ar"] == placed["location_ar"] is not None
    fields = exports.table_schema(incidents)["fields"]
    assert [f["name"] for f in fields] == incidents.columns and all(f["description"] for f in fields)


def test_downloads_page_offers_the_bundle_and_every_dataset(
    dashboard_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASD_WAREHOUSE", str(dashboard_warehouse))
    at = run_app("app_pages/downloads.py")
    buttons = [b.proto.label for b in at.get("download_button")]
    assert buttons.count("CSV") == 3 and buttons.count("Parquet") == 3  # claims, mentions, incidents
    assert any(b.startswith("Everything") for b in buttons)
    assert any("count_low" in m.value for m in at.markdown)


def test_the_codebook_columns_are_the_exports_columns(
    frames: dict[str, pl.DataFrame], dashboard_warehouse: Path
) -> None:
    columns = data.export_columns()
    assert {n: f.schema for n, f in columns.items()} == {n: f.schema for n, f in frames.items()}
    # export_counts covers the datasets every warehouse has; the page counts incidents from their export
    assert data.scalar_row("export_counts") == {n: f.height for n, f in frames.items() if n != "incidents"}
