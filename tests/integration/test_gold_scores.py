"""Extraction quality floors against the gold annotations in ../shared (skipped where it is absent)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gold

# (claims F1, actors F1, locations F1, attribute accuracy) floors from the extraction issue.
FLOORS = {"seeds": (0.90, 0.85, 0.85, 0.80), "dev": (0.75, 0.75, 0.75, 0.80), "dev2": (0.75, 0.75, 0.75, 0.80)}
ATTRIBUTES = ("count", "victim_group", "claimed_by", "location")
# Claim detection (precision, recall, F1 over all claims; F1 over numbered claims), just under what is measured:
# dev2 holds 48 articles annotated by people who never saw Rasd's output (issue 11).
CLAIM_FLOORS = {"seeds": (0.97, 0.97, 0.97, 0.97), "dev": (0.97, 0.97, 0.97, 0.97), "dev2": (0.96, 0.95, 0.96, 0.96)}
# Just under what the attribute and entity rules reach (issue 11), so that no later change undoes them silently.
# Measured with score.py (as in README "Measured figures"):
# seeds: victim_group 1.00, claimed_by 0.92, location 0.93, perpetrator 0.77, actors 0.99, locations 1.00;
# dev: 0.91, 0.95, 0.97, 0.795, 1.00, 1.00; dev2: 0.909, 0.967, 0.966, 0.891, 0.97, 0.96 (one more claim found,
# "قتل مكسيم كولغانوف", its victims' group, source and place wrong: 0.92, 0.98, 0.98 before it).
ATTRIBUTE_FLOORS = {
    "seeds": {"victim_group": 0.98, "claimed_by": 0.90, "location": 0.90, "perpetrator": 0.75},
    "dev": {"victim_group": 0.89, "claimed_by": 0.93, "location": 0.95, "perpetrator": 0.77},
    "dev2": {"victim_group": 0.90, "claimed_by": 0.95, "location": 0.95, "perpetrator": 0.87},
}
ENTITY_FLOORS = {"seeds": (0.97, 0.98), "dev": (0.98, 0.98), "dev2": (0.95, 0.94)}  # actors F1, locations F1
CORPORA = ("seeds", "dev", "dev2")


def _score(shared, warehouse, gold: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), "--db", str(warehouse),
         "--gold", str(shared / "gold" / f"{gold}.json"), "--json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def scores(shared_dir, gold_warehouses) -> dict:
    return {name: _score(shared_dir, gold_warehouses[name], name) for name in CORPORA}


@pytest.mark.parametrize("corpus", CORPORA)
def test_f1_floors(scores, corpus):
    claims_floor, actors_floor, locations_floor, _ = FLOORS[corpus]
    s = scores[corpus]
    assert s["gold_docs_without_output"] == 0
    assert s["claims"]["all"]["f1"] >= claims_floor, s["claims"]["all"]
    assert s["actors"]["f1"] >= actors_floor, s["actors"]
    assert s["locations"]["f1"] >= locations_floor, s["locations"]


@pytest.mark.parametrize("corpus", sorted(CLAIM_FLOORS))
def test_claim_detection_floors(scores, corpus):
    precision, recall, f1, numbered_f1 = CLAIM_FLOORS[corpus]
    claims = scores[corpus]["claims"]
    assert scores[corpus]["gold_docs_without_output"] == 0
    assert claims["all"]["precision"] >= precision, claims["all"]
    assert claims["all"]["recall"] >= recall, claims["all"]
    assert claims["all"]["f1"] >= f1, claims["all"]
    assert claims["quantified"]["f1"] >= numbered_f1, claims["quantified"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_attribute_accuracy_floors(scores, corpus):
    floor = FLOORS[corpus][3]
    accuracy = scores[corpus]["claims"]["attribute_accuracy"]
    for attribute in ATTRIBUTES:
        assert accuracy[attribute] is not None and accuracy[attribute] >= floor, (attribute, accuracy)


@pytest.mark.parametrize("corpus", CORPORA)
def test_attribute_and_entity_floors_reached(scores, corpus):
    accuracy = scores[corpus]["claims"]["attribute_accuracy"]
    for attribute, floor in ATTRIBUTE_FLOORS[corpus].items():
        assert accuracy[attribute] is not None and accuracy[attribute] >= floor, (attribute, accuracy)
    actors_floor, locations_floor = ENTITY_FLOORS[corpus]
    assert scores[corpus]["actors"]["f1"] >= actors_floor, scores[corpus]["actors"]
    assert scores[corpus]["locations"]["f1"] >= locations_floor, scores[corpus]["locations"]
