"""The search box's grammar and the result snippets (sentences written for this test)."""

from __future__ import annotations

import re

from dashboards import search

NAMES = search.name_index(
    [
        ("Idlib", "إدلب", ["ادلب", "بإدلب"]),
        ("Deir ez-Zor", "دير الزور", None),
        ("White Helmets", "الخوذ البيضاء", ["الدفاع المدني"]),
    ]
)


def test_words_are_all_required_and_quotes_make_phrases() -> None:
    terms = search.parse('قصف "ريف حلب" الغربي', NAMES)
    assert [(t.alternatives, t.phrase) for t in terms] == [
        (("قصف",), False),
        (("ريف حلب",), True),
        (("الغربي",), False),
    ]
    # typographic and Arabic quotes work like straight ones, and words are normalised
    assert [t.alternatives for t in search.parse("«الدفاع المدنيّ»", NAMES)] == [("الدفاع المدني",)]
    assert search.parse('"" ', NAMES) == []


def test_latin_names_stand_for_their_arabic_forms() -> None:
    (idlib,) = search.parse("idlib", NAMES)
    assert set(idlib.alternatives) == {"ادلب", "بادلب", "idlib"}
    # the longest run of Latin words that names something, hyphens and case folded
    terms = search.parse("deir ez zor WHITE HELMETS قصف", NAMES)
    assert [t.shown for t in terms] == ["deir ez zor", "WHITE HELMETS", "قصف"]
    assert "دير الزور" in terms[0].alternatives and "الدفاع المدني" in terms[1].alternatives
    (unknown,) = search.parse("Qwerty", NAMES)
    assert unknown.alternatives == ("qwerty",)


def test_snippet_marks_every_hit_in_the_display_text() -> None:
    text = "عنوان عن إدلب\n\nقالت مصادر إن القصف على إِدلب أوقع قتلى، وإن ادلب تشهد نزوحاً."
    passage, n_hits = search.snippet(text, search.parse("Idlib", NAMES))
    assert n_hits == 3  # the title's, the one with a kasra, the one without hamza
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", passage)
    assert marked == ["إِدلب", "ادلب"]  # the snippet starts after the title
    assert "عنوان" not in passage
