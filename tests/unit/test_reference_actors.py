"""The actor dictionary: contents of the shipped files and the errors a broken file raises."""

import shutil

import polars as pl
import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.actors import ACTOR_TYPES, SIDES, load_actors
from pipelines.lib.reference.errors import ReferenceDataError
from tests.conftest import REFERENCE


@pytest.fixture(scope="module")
def actors():
    return load_actors(REFERENCE)


def owner(dictionary, alias: str) -> str:
    key = normalize(alias)
    hits = dictionary.aliases.filter(pl.col("alias").map_elements(normalize, return_dtype=pl.String) == key)
    assert hits.height == 1, f"{alias!r} names {hits['actor_id'].to_list()}"
    return hits["actor_id"][0]


def test_shipped_dictionary_is_broad_and_valid(actors):
    assert actors.actors.height >= 300
    assert actors.aliases.height >= 1000
    assert set(actors.actors["actor_type"]) <= ACTOR_TYPES
    assert set(actors.actors["side"].drop_nulls()) <= SIDES
    assert actors.actors["actor_id"].is_unique().all()
    ids = set(actors.actors["actor_id"])
    assert set(actors.actors["parent_id"].drop_nulls()) <= ids
    # every canonical name is also an alias of its own actor
    assert actors.aliases.join(actors.actors, left_on=["actor_id", "alias"], right_on=["actor_id", "name_ar"]).height \
        == actors.actors.height


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("قوات النظام", "sy_gov_forces"), ("قوات الأسد", "sy_gov_forces"), ("الجيش العربي السوري", "sy_gov_forces"),
        ("الجيش السوري", "sy_gov_forces"), ("داعش", "isis"), ("تنظيم الدولة", "isis"),
        ("تنظيم الدولة الإسلامية", "isis"), ("قسد", "sdf"), ("قوات سوريا الديمقراطية", "sdf"),
        ("هيئة تحرير الشام", "hts"), ("جبهة النصرة", "nusra"), ("فتح الشام", "nusra"),
        ("دي ميستورا", "staffan_de_mistura"), ("دي مستورا", "staffan_de_mistura"),
        ("المرصد السوري لحقوق الإنسان", "sohr"), ("الخوذ البيضاء", "white_helmets"),
        ("الشبكة السورية لحقوق الإنسان", "snhr"), ("مركز توثيق الانتهاكات", "vdc"),
        ("الأسد", "bashar_assad"), ("بوتين", "vladimir_putin"), ("أردوغان", "recep_erdogan"),
        ("حزب الله", "hezbollah"), ("التحالف الدولي", "us_coalition"), ("وكالة فرانس برس", "afp"),
    ],
)
def test_aliases_name_the_right_actor(actors, alias, actor_id):
    assert owner(actors, alias) == actor_id


def test_short_forms_are_anaphoric(actors):
    conditions = dict(zip(actors.aliases["alias"], actors.aliases["condition"], strict=True))
    assert conditions["التنظيم"] == "anaphor"
    assert conditions["النظام"] == "anaphor"
    assert conditions["الجيش"] == "anaphor"
    assert conditions["المعارضة"] == ""


def copy_reference(tmp_path):
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    return target


def append(path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("actors.csv", "bad_type,فصيل وهمي,Fake,rebels,opposition,", "unknown actor_type 'rebels'"),
        ("actors.csv", "bad_side,فصيل وهمي,Fake,militia,rebel,", "unknown side 'rebel'"),
        ("actors.csv", "isis,تنظيم آخر,Dup,jihadist_group,jihadist,", "duplicate actor_id 'isis'"),
        ("actors.csv", "orphan,فصيل يتيم,Orphan,militia,government,no_such_parent", "parent_id 'no_such_parent'"),
        ("actors.csv", "person:0123abcd,شخص ما,Someone,person,opposition,", "reserved for persons detected"),
        ("actor_aliases.csv", "no_such_actor,اسم ما,", "points at unknown actor 'no_such_actor'"),
        ("actor_aliases.csv", "sdf,داعش,", "already names 'isis'"),
        ("actor_aliases.csv", "sdf,قوات قسد المشتركة,sometimes", "unknown condition 'sometimes'"),
    ],
)
def test_broken_files_raise_clear_errors(tmp_path, file, line, message):
    reference = copy_reference(tmp_path)
    append(reference / file, line)
    with pytest.raises(ReferenceDataError, match=message):
        load_actors(reference)


def test_parent_cycle_is_an_error(tmp_path):
    reference = copy_reference(tmp_path)
    append(reference / "actors.csv", "loop_a,حلقة أ,A,militia,government,loop_b")
    append(reference / "actors.csv", "loop_b,حلقة ب,B,militia,government,loop_a")
    with pytest.raises(ReferenceDataError, match="cycle"):
        load_actors(reference)


def test_missing_column_is_an_error(tmp_path):
    reference = copy_reference(tmp_path)
    (reference / "actors.csv").write_text("actor_id,name_ar\nx,س\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="missing columns"):
        load_actors(reference)
