"""How incidents read (figures, dates, labels, claims' own numbers), their revision chains, and the
Methodology page's data files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboards import incidents, methodology


def test_figures_dates_and_reported_numbers() -> None:
    assert incidents.figure(37, 30, 45) == "37 (30–45)"
    assert incidents.figure(7, None, None) == "7"
    assert incidents.date_range(dt.date(2018, 4, 7), dt.date(2018, 4, 7)) == "2018-04-07"
    assert incidents.date_range(dt.date(2018, 4, 6), dt.date(2018, 4, 7)) == "2018-04-06 – 2018-04-07"
    assert incidents.date_range(None, None) == "undated"
    assert incidents.reported(10, 12, True) == "10–12"
    assert incidents.reported(20, None, True) == "20+"
    assert incidents.reported(20, 99, False) == "no number"
    assert (incidents.how_many(1, "article"), incidents.how_many(1200, "claim")) == ("1 article", "1,200 claims")


def test_label_names_date_place_cause_and_figures() -> None:
    row = {
        "event_date_low": dt.date(2018, 4, 7), "event_date_high": dt.date(2018, 4, 7), "place_ar": "دوما",
        "place_en": "Douma", "cause": "airstrike", "killed_best": 37, "killed_low": 30, "killed_high": 45,
        "injured_best": None, "injured_low": None, "injured_high": None,
    }
    assert incidents.label(row) == "2018-04-07 · دوما · Douma · airstrike · killed 37 (30–45)"
    assert incidents.place({"place_ar": None, "place_en": None}).startswith("place unknown")


def _claim(claim_id: str, revises: str | None = None) -> dict:
    return {"claim_id": claim_id, "revises_claim_id": revises}


def test_revision_chains_run_from_the_first_figure_to_the_last() -> None:
    claims = [_claim("c"), _claim("a"), _claim("b", "a"), _claim("d", "b"), _claim("x")]
    assert [[c["claim_id"] for c in chain] for chain in incidents.revision_chains(claims)] == [["a", "b", "d"]]


def test_revision_chains_branch_skip_missing_claims_and_ignore_cycles() -> None:
    branching = [_claim("a"), _claim("b", "a"), _claim("c", "a")]
    assert [[c["claim_id"] for c in ch] for ch in incidents.revision_chains(branching)] == [["a", "b"], ["a", "c"]]
    # the revised claim is not shown (a filtered-out article): the chain starts at the first shown
    missing = [_claim("b", "gone"), _claim("c", "b")]
    assert [[c["claim_id"] for c in ch] for ch in incidents.revision_chains(missing)] == [["b", "c"]]
    assert incidents.revision_chains([_claim("a", "b"), _claim("b", "a")]) == []
    assert incidents.revision_chains([_claim("a", "a")]) == []


def test_methodology_files_load_and_reject_gaps(tmp_path: Path) -> None:
    terms = methodology.terms()
    assert [t.key for t in terms][:2] == ["claim", "incident"]
    assert all(t.text_ar and t.text_en for t in terms)
    figures = methodology.accuracy()
    assert figures and all(0 <= f.value <= 1 and f.command for f in figures)
    bad_yaml = tmp_path / "m.yaml"
    bad_yaml.write_text("terms:\n  - {key: x, en: X, ar: س, text_en: t, text_ar: ''}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks"):
        methodology.terms(bad_yaml)
    bad_csv = tmp_path / "a.csv"
    bad_csv.write_text("corpus,articles,measure,value,command\ndev,161,claims F1,98.7,score.py\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        methodology.accuracy(bad_csv)
