"""Place words, person roles and spelling variants: contents and errors."""

import shutil

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.person_roles import load_person_roles
from pipelines.lib.reference.place_words import load_place_words
from pipelines.lib.reference.spelling import load_spelling_groups
from tests.conftest import REFERENCE


def test_place_words_carry_kind_part_of_name_and_count():
    places = load_place_words(REFERENCE)
    rows = {r["word"]: r for r in places.words.iter_rows(named=True)}
    for word in ("مدينه", "بلده", "بلدتي", "قريه", "قريتي", "حي", "تل", "جبل", "سد", "حقل", "مطار", "معبر", "محور",
                 "جبهه"):
        assert word in rows, word
    assert rows["بلده"] == {"word": "بلده", "kind": "town", "part_of_name": False, "count": "one"}
    assert rows["بلدتي"]["count"] == "two"
    assert rows["سد"]["part_of_name"] is True and rows["سد"]["kind"] == "dam"
    assert "وادي" in places.final_ya and "بلده" not in places.final_ya
    assert {"في", "قرب"} <= places.location_cues
    assert "بالنسبه الي" in places.country_non_cues


def test_person_roles():
    roles = load_person_roles(REFERENCE)
    assert {"الناطق باسم", "المتحدث باسم", "الناشط"} <= set(roles.strong_titles)
    assert {normalize(w) for w in ("مدير", "قائد", "وزير")} <= set(roles.roles)   # stored in matching form
    assert {normalize(w) for w in ("محمد", "وائل", "عبدالله")} <= roles.given_names
    assert "قال" in roles.saying_verbs and "قال" in roles.clause_breaks
    assert {"الناطق", "باسم", "مدير"} <= roles.trigger_words


def test_spelling_groups_are_normalised():
    groups = load_spelling_groups(REFERENCE)
    by_first = {g.forms[0]: g for g in groups}
    assert by_first["سوريا"].forms == ("سوريا", "سوريه") and by_first["سوريا"].whole_word


def copy_reference(tmp_path):
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    return target


def test_place_word_with_unknown_kind_is_an_error(tmp_path):
    reference = copy_reference(tmp_path)
    path = reference / "place_words.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{word: بلدة, kind: town", "{word: بلدة, kind: burg"),
                    encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unknown kind 'burg'"):
        load_place_words(reference)


def test_missing_list_is_an_error(tmp_path):
    reference = copy_reference(tmp_path)
    path = reference / "person_roles.yaml"
    path.write_text("strong_titles: [الناشط]\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="'titles' must be a non-empty list"):
        load_person_roles(reference)


def test_spelling_group_needs_two_spellings(tmp_path):
    reference = copy_reference(tmp_path)
    with (reference / "spelling_variants.csv").open("a", encoding="utf-8") as fh:
        fh.write("أحمد|احمد,word,the same in matching form\n")
    with pytest.raises(ReferenceDataError, match="at least two different spellings"):
        load_spelling_groups(reference)
