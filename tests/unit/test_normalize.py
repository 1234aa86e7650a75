from pipelines.lib.arabic.normalize import display_span, normalize, normalize_with_map


def test_normalize_unifies_letters_digits_and_marks():
    assert normalize("أَحْمَدُ إلى آمال") == "احمد الي امال"
    assert normalize("مدرسةٌ مستشفى") == "مدرسه مستشفي"
    assert normalize("سـوريـا") == "سوريا"
    assert normalize("٣٤٠ ألف و۱۲") == "340 الف و12"
    assert normalize("قتل\u200f\u00a0\u00a0مدني") == "قتل مدني"
    assert normalize("ﻻ") == "لا"


def test_map_points_back_into_display_text():
    text = "قُتِلَ  ٢٥ مدنياً في حلب"
    norm, origin = normalize_with_map(text)
    assert norm == normalize(text)
    start = norm.index("حلب")
    s, e = display_span(origin, start, start + 3, len(text))
    assert text[s:e] == "حلب"
    start = norm.index("25")
    s, e = display_span(origin, start, start + 2, len(text))
    assert text[s:e] == "٢٥"


def test_map_matches_plain_normalize_on_seeds():
    from tests.conftest import SEEDS

    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        norm, origin = normalize_with_map(text)
        assert norm == normalize(text)
        assert len(origin) == len(norm)
