"""Incident grouping and claim scope against the gold in ../shared (skipped where it is absent).

One warehouse is built from dev and dev2 together in one folder, with their metadata sidecars merged into
its metadata.csv (the corpora are linked, never copied into the project), and scored with
../shared/tools/score_incidents.py (cross-article links, B-cubed) and score.py (scope accuracy).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gold

# Just under what the incidents stage reaches (links F1 0.898, B-cubed F1 0.932; scope dev 0.921, dev2 0.943).
LINKS_F1_FLOOR = 0.88
BCUBED_F1_FLOOR = 0.92
SCOPE_FLOOR = 0.90


@pytest.fixture(scope="module")
def warehouse(gold_warehouses):
    """dev and dev2 in one folder with their metadata sidecars merged (``bench.outputs.dated_dev_corpus``)."""
    return gold_warehouses["devall"]


def _run(shared_dir, tool: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(shared_dir / "tools" / tool), *args, "--json"],
                         capture_output=True, text=True, check=True, timeout=300)
    return json.loads(out.stdout)


def test_incident_floors(shared_dir, warehouse):
    gold = shared_dir / "gold"
    s = _run(shared_dir, "score_incidents.py", "--db", str(warehouse), "--gold", str(gold / "dev.json"),
             str(gold / "dev2.json"), "--incidents", str(gold / "incidents_dev.json"))
    assert s["cross_article_links"]["f1"] >= LINKS_F1_FLOOR, s
    assert s["bcubed"]["f1"] >= BCUBED_F1_FLOOR, s


@pytest.mark.parametrize("gold_set", ["dev", "dev2"])
def test_scope_accuracy_floor(shared_dir, warehouse, gold_set):
    s = _run(shared_dir, "score.py", "--db", str(warehouse), "--gold", str(shared_dir / "gold" / f"{gold_set}.json"))
    assert s["claims"]["attribute_accuracy"]["scope"] >= SCOPE_FLOOR, s["claims"]["attribute_accuracy"]
