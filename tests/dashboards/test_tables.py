"""HTML tables: direction per cell, bilingual name pairs, labels, numbers, dates, plurals, escaping."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboards import labels, tables
from tests.dashboards.html_tables import tables as parse


def test_direction_follows_the_first_strong_character() -> None:
    assert tables.direction("قوات النظام") == "rtl"
    assert tables.direction("12 قتيلا") == "rtl"  # digits are weak: the Arabic decides
    assert tables.direction("Syrian Observatory · المرصد") == "ltr"
    assert tables.direction("—") == "ltr"


def test_cells_are_labelled_paired_formatted_and_escaped() -> None:
    frame = pl.DataFrame(
        {
            "published_date": [dt.date(2018, 3, 1)],
            "ingested_at": [dt.datetime(2026, 1, 2, 0, 0)],
            "outcome": ["killed"],
            "count_low": [1200],
            "perpetrator_ar": ["قوات <b>النظام</b>"],
            "perpetrator_en": ["Syrian government forces"],
            "evidence": ["قال المرصد إن 12 مدنيا قتلوا"],
            "doc_id": ["a:1"],
        }
    )
    (table,) = parse([tables.html_table(frame)])
    assert table.headers == [
        labels.label(c) for c in ("published_date", "ingested_at", "outcome", "count_low", "perpetrator", "evidence",
                                  "doc_id")
    ]
    row = table.rows[0]
    assert row[:4] == ["2018-03-01", "2026-01-02", "killed · قتلى", "1,200"]
    assert row[4] == "قوات <b>النظام</b>\nSyrian government forces"  # escaped, both names
    assert table.directions[0][4] == "rtl" and table.directions[0][5] == "rtl"
    assert table.directions[0][2] == "ltr"


def test_reported_reads_at_least_and_plurals_agree() -> None:
    frame = tables.with_reported(
        pl.DataFrame({"count_low": [14, 3, None], "count_high": [None, 3, None], "quantified": [True, True, False]})
    )
    assert frame["reported"].to_list() == ["≥ 14", "3", "no number"]
    assert tables.plural(1, "article") == "1 article"
    assert tables.plural(2, "article") == "2 articles"
    assert tables.plural(1_234, "claim") == "1,234 claims"


def test_label_files_are_complete_and_unambiguous() -> None:
    import csv

    with (labels.ASSETS / "columns.csv").open(encoding="utf-8") as fh:
        names = [r["column"] for r in csv.DictReader(fh)]
    assert len(names) == len(set(names))
    assert all(c.label_en and c.label_ar for c in labels.columns().values())
    # every field with value names is a column the tables show
    assert labels.value_fields() <= set(labels.columns())
    assert labels.value("victim_group", "unknown") == "not stated · غير محدد"
    assert labels.value("cause", "some_new_cause") == "some new cause"  # unlisted: readable, never dropped
