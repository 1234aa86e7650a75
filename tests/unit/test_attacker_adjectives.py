"""The attacker-adjective table loads normalised, is joined to the dictionary, and a broken one fails clearly."""

from pathlib import Path

import pytest

from pipelines.lib.reference.attacker_adjectives import load_attacker_adjectives
from pipelines.lib.reference.claim_lexicon import load_claim_lexicon
from pipelines.lib.reference.errors import ReferenceDataError

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"


def test_shipped_table_maps_adjectives_to_dictionary_actors() -> None:
    table = dict(load_attacker_adjectives(REFERENCE))
    assert table["التركيه"] == "turkey" and table["الروسي"] == "russia"        # ة → ه, normalised
    assert table["الاسراييليه"] == "israel" and table["النظاميه"] == "sy_gov_forces"
    assert dict(load_claim_lexicon(REFERENCE).attacker_adjective_actors) == table


def test_a_folder_without_the_table_gives_none(tmp_path: Path) -> None:
    assert load_attacker_adjectives(tmp_path) == ()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("التركي,atlantis\n", "unknown actor_id 'atlantis'"),
        ("التركي,\n", "actor_id is empty"),
        ("الجيش التركي,turkey\n", "must be one word"),
        ("التركي,turkey\nالتركي,israel\n", "maps to two actors"),
    ],
)
def test_broken_table_names_file_and_problem(tmp_path: Path, rows: str, message: str) -> None:
    (tmp_path / "actors.csv").write_text("actor_id,name_ar\nturkey,تركيا\nisrael,إسرائيل\n", encoding="utf-8")
    (tmp_path / "attacker_adjectives.csv").write_text("adjective,actor_id\n" + rows, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message):
        load_attacker_adjectives(tmp_path)
