"""Which reference files each extraction stage's version covers: a stage extracts again after an edit of a file
it reads, and only then."""

from __future__ import annotations

import shutil

import pytest

from pipelines.lib.extract.mentions import load_reference
from pipelines.lib.reference import attacker_adjectives, claim_lexicon
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon
from pipelines.lib.reference.version import (
    CLAIMS_FILES,
    OTHER_STAGES_FILES,
    claims_version,
    mentions_version,
    reference_version,
)
from pipelines.stages.incidents import incidents_version
from tests.conftest import REFERENCE


def _versions(reference) -> dict[str, str]:
    return {"reference": reference_version(reference), "mentions": mentions_version(reference),
            "claims": claims_version(reference), "incidents": incidents_version(reference)}


def test_the_claims_files_are_those_the_claim_lexicon_loader_reads() -> None:
    assert set(CLAIMS_FILES) == {claim_lexicon.DEFAULT_PATH.name, attacker_adjectives.FILE}


def test_the_mentions_read_neither_the_claims_nor_the_other_stages_files_and_the_claims_not_the_others(tmp_path):
    """Loaded from a reference folder without them, each stage's data is what it is with them."""
    without = tmp_path / "reference"
    shutil.copytree(REFERENCE, without)
    for name in OTHER_STAGES_FILES:
        (without / name).unlink()
    assert load_claim_lexicon(without) == load_claim_lexicon(REFERENCE)
    for name in CLAIMS_FILES:
        (without / name).unlink()
    built, full = load_reference(without), load_reference(REFERENCE)
    assert built.automaton.keys == full.automaton.keys
    assert built.actors.equals(full.actors) and built.locations.equals(full.locations)


@pytest.mark.parametrize(("name", "changed"), [
    ("claim_lexicon.yaml", {"reference", "claims"}),
    ("attacker_adjectives.csv", {"reference", "claims"}),
    ("incident_words.yaml", {"reference", "incidents"}),
    ("time_words.yaml", {"reference", "incidents"}),
    ("boilerplate.yaml", {"reference"}),     # the cleaner's version (an article cleaned differently is re-extracted)
    ("outlets.csv", {"reference"}),
    ("actors.csv", {"reference", "mentions", "claims"}),
    ("person_roles.yaml", {"reference", "mentions", "claims"}),
    ("geonames_syria.csv", {"reference", "mentions", "claims"}),
])
def test_an_edited_file_changes_the_versions_of_the_stages_that_read_it(tmp_path, name, changed) -> None:
    edited = tmp_path / "reference"
    shutil.copytree(REFERENCE, edited)
    with (edited / name).open("a", encoding="utf-8") as fh:
        fh.write("\n" if name.endswith(".csv") else "\n# edited\n")
    before, after = _versions(REFERENCE), _versions(edited)
    assert {stage for stage in before if before[stage] != after[stage]} == changed
