"""Clitic-aware tokens, alias spelling variants and the fast offset map of the matching form."""

import numpy as np
import polars as pl
import pytest

from pipelines.lib.arabic.normalize import normalize, normalize_with_map
from pipelines.lib.arabic.textmap import NormalizedBatch, code_units, from_code_units, normalize_mapped
from pipelines.lib.arabic.tokenize import (
    Reading,
    enclitic_readings,
    find_stem,
    proclitic_readings,
    tokenize,
    valid_prefix,
)
from pipelines.lib.arabic.variants import SpellingGroup, alias_variants


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("بريف", Reading(1, "ريف")),          # بريف دمشق → ريف دمشق
        ("وحرستا", Reading(1, "حرستا")),
        ("لقوات", Reading(1, "قوات")),        # لقوات النظام → قوات النظام
        ("وبالرقه", Reading(2, "الرقه")),
        ("للنظام", Reading(1, "النظام")),     # ل + ال: the stem starts at the article's ل, alef restored
        ("وللمعارضه", Reading(2, "المعارضه")),
    ],
)
def test_proclitic_readings_find_the_dictionary_form(word, reading):
    assert reading in proclitic_readings(word)
    assert proclitic_readings(word)[0] == Reading(0, word)


def test_proclitics_never_leave_a_stem_shorter_than_two_letters():
    assert proclitic_readings("وب") == [Reading(0, "وب")]
    assert Reading(1, "ن") not in proclitic_readings("بن")


def test_enclitic_readings_split_pronoun_suffixes():
    assert ("قوات", "ه") in enclitic_readings("قواته")
    assert ("مواقع", "ها") in enclitic_readings("مواقعها")
    assert enclitic_readings("حمص") == [("حمص", "")]   # a three-letter stem keeps its last letter


def test_find_stem_uses_a_lexicon_to_choose_the_reading():
    lexicon = frozenset({"ريف", "قال"})
    assert find_stem("بريف", lexicon) == Reading(1, "ريف")
    assert find_stem("وقال", lexicon) == Reading(1, "قال")
    assert find_stem("وائل", lexicon) is None
    assert find_stem("مكتبه", frozenset({"مكتب"}), True) == Reading(0, "مكتب")
    assert find_stem("مكتبه", frozenset({"مكتب"})) is None


def test_valid_prefix():
    assert valid_prefix("")
    assert valid_prefix("وب")
    assert not valid_prefix("ال")
    assert not valid_prefix("وال")
    assert valid_prefix("ل", lam_variant=True)
    assert not valid_prefix("", lam_variant=True)


def test_tokenize_keeps_offsets_and_punctuation():
    text = normalize("قال المرصد: قتل 5، في دوما.")
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قال", "المرصد", ":", "قتل", "5", "،", "في", "دوما", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_alias_variants_cover_declension_spacing_and_spellings():
    groups = [SpellingGroup(("سوريا", "سوريه"), True), SpellingGroup(("امريكي", "اميركي"), False)]
    assert alias_variants("ابو محمد الجولاني") >= {"ابو محمد الجولاني", "ابي محمد الجولاني", "ابا محمد الجولاني"}
    assert alias_variants("رامي عبد الرحمن") >= {"رامي عبد الرحمن", "رامي عبدالرحمن"}
    assert "قوات سوريه الديمقراطيه" in alias_variants("قوات سوريا الديمقراطيه", groups)
    assert "الجيش الاميركي" in alias_variants("الجيش الامريكي", groups)
    # whole-word groups do not touch a longer word
    assert alias_variants("السوريانيه", groups) == {"السوريانيه"}


@pytest.mark.parametrize(
    "text",
    [
        "قُتِلَ ٣ مدنيين في دُومَا",                  # diacritics dropped, Arabic-Indic digits
        "قوات  النظام\u200f  بريف   دمشق\tاليوم",    # runs of spaces and a bidi mark
        "الجيش ـــ السوري\n\nسطر ثان",                # tatweel, line breaks kept
        "ﻻ تراجع عن حلب",                            # a presentation-form ligature: one character, two letters
        "Reuters: AFP said",
        "الفيلق Ⅶ قصف  ″الباب″ بالمدفعية ً",          # characters that fold to several, with drops and spaces
        "صلى الله عليه ﷺ  قتل ٣",                     # one character that folds to eighteen
        "قتل 😀 ثلاثة  ″مدنيين″ ً Ⅶ",                # beyond the Basic Multilingual Plane: 32-bit code units
    ],
)
def test_normalize_mapped_matches_normalize_with_map(text):
    mapped = normalize_mapped(text)
    norm, origin = normalize_with_map(text)
    assert mapped.norm == norm == normalize(text)
    assert [mapped.to_display(i) for i in range(len(norm))] == origin
    indices = pl.Series(range(len(norm)), dtype=pl.Int64)
    assert mapped.to_display_many(indices).to_list() == origin


def test_normalized_batch_gives_each_text_as_normalize_with_map():
    texts = ["قُتِلَ ٣ مدنيين في دُومَا  ", "", "  قوات\u200f النظام", "سطر\nثان ″مقتبس″", "ﻻ تراجع", "Ⅶ", " ", "😀 قتل"]
    batch = NormalizedBatch(texts)
    assert len(batch) == len(texts)
    for i, text in enumerate(texts):
        assert batch.get(i) == normalize_with_map(text)


def test_display_span_points_at_the_surface():
    text = "وقصفت قوات النظامِ بلدة دُومَا"
    mapped = normalize_mapped(text)
    start = mapped.norm.index("دوما")
    ds, de = mapped.display_span(start, start + 4)
    assert text[ds:de] == "دُومَا"


def test_a_batch_gives_one_text_in_matching_form_without_its_map() -> None:
    batch = NormalizedBatch(["قُتل مدنيٌّ", "وأعلن التنظيم المسؤولية"])
    assert [batch.norm_of(i) for i in range(len(batch))] == [batch.get(i)[0] for i in range(len(batch))]
    assert batch.norm_of(1) == "واعلن التنظيم المسووليه"


def test_code_units_are_16_bit_within_the_basic_plane_and_32_bit_beyond_it():
    arabic, emoji = code_units("قتل ٣ مدنيين"), code_units("قتل 😀")
    assert arabic.dtype == np.uint16 and emoji.dtype == np.uint32
    assert arabic.tolist() == [ord(ch) for ch in "قتل ٣ مدنيين"] and emoji.tolist() == [ord(ch) for ch in "قتل 😀"]
    assert from_code_units(arabic) == "قتل ٣ مدنيين" and from_code_units(emoji) == "قتل 😀"
    assert from_code_units(code_units("")) == ""
