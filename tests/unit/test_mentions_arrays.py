"""The array path of ``find_mentions`` against the rules it replaced.

Unconditional names go from the automaton to the overlap groups as NumPy arrays; only groups whose outcome
is not plain (partial overlaps, one span reached by several names) are read by ``_resolve``, the rule they
all went through before. A property test checks the split gives ``_resolve``'s result on any candidates;
the sentences below (written for this test) cover nested names, a name both a party and a place, anaphors,
cue names, allegiance, nisba adjectives, directions and detected persons and places, and their expected
rows are what the code before the array path (commit 53fd10c) found on them.
"""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.lib.extract.automaton import boundary_text
from pipelines.lib.extract.mentions import _resolve, _taken, find_mentions, load_reference, overlap_groups
from pipelines.lib.extract.spans import Span
from tests.conftest import REFERENCE

DOCS = [
    ("a1", [
        "قصفت قوات النظام السوري بلدة دوما في ريف دمشق الشرقي صباح اليوم.",
        "وقالت روسيا إن طائراتها لم تشارك، بينما وصل وفد إلى روسيا وتركيا أمس.",
        "وأعلن النظام أن الجيش سيطر على مواقع في ريف حماة الشمالي.",
        "وقتل مقاتلون موالون لدمشق في اشتباك مع جيش الإسلام قرب مدينة الباب.",
    ]),
    ("a2", [
        "قال الجيش إن 12 جنديا سوريا أصيبوا في بلدة الكحيل بريف درعا.",
        "وقال الناطق باسم جيش الإسلام حمزة بيرقدار إن النظام يقصف حرستا وعربين.",
        "وسقطت قذائف على حي الميدان في دمشق وعلى مطار حماة العسكري.",
        "وقال الناشط الإعلامي سليم برهوم إن بلدة تل قرمزان في ريف إدلب الجنوبي تعرضت للقصف.",
    ]),
    ("a3", [
        "دعت تركيا وإيران إلى هدنة في إدلب بعد غارات الطيران الروسي على معرة النعمان.",
        "ونزح آلاف إلى بلدتي نبل والزهراء شمال حلب، وفق المرصد السوري لحقوق الإنسان.",
    ]),
]

# What the per-hit code found on DOCS (doc_id, sentence_no, id, surface, char_start, char_end).
OLD_ACTOR_MENTIONS = [
    ('a1', 1, 'sy_gov_forces', 'قوات النظام السوري', 18, 36),
    ('a1', 2, 'russia', 'روسيا', 85, 90),
    ('a1', 3, 'sy_gov', 'النظام', 156, 162),
    ('a1', 3, 'sy_gov_forces', 'الجيش', 166, 171),
    ('a1', 4, 'jaysh_al_islam', 'جيش الإسلام', 248, 259),
    ('a2', 2, 'jaysh_al_islam', 'جيش الإسلام', 92, 103),
    ('a2', 2, 'hamza_bayraqdar', 'حمزة بيرقدار', 104, 116),
    ('a2', 4, 'person:3d10ddda624b', 'سليم برهوم', 228, 238),
    ('a3', 1, 'turkey', 'تركيا', 17, 22),
    ('a3', 1, 'iran', 'إيران', 24, 29),
    ('a3', 1, 'russia', 'الطيران الروسي', 57, 71),
    ('a3', 2, 'sohr', 'المرصد السوري لحقوق الإنسان', 138, 165),
]
OLD_LOCATION_MENTIONS = [
    ('a1', 1, 'sy:douma', 'دوما', 42, 46),
    ('a1', 1, 'gov:rif_dimashq', 'ريف دمشق الشرقي', 50, 65),
    ('a1', 2, 'country:ru', 'روسيا', 131, 136),
    ('a1', 2, 'country:tr', 'تركيا', 138, 143),
    ('a1', 3, 'rif:hama', 'ريف حماة الشمالي', 190, 206),
    ('a1', 4, 'sy:al_bab', 'الباب', 270, 275),
    ('a2', 1, 'sy:kahil', 'الكحيل', 56, 62),
    ('a2', 1, 'rif:daraa', 'ريف درعا', 64, 72),
    ('a2', 2, 'sy:harasta', 'حرستا', 132, 137),
    ('a2', 2, 'gn:169372', 'عربين', 139, 144),
    ('a2', 3, 'sy:midan', 'حي الميدان', 163, 173),
    ('a2', 3, 'sy:damascus', 'دمشق', 177, 181),
    ('a2', 3, 'sy:hama_airbase', 'مطار حماة العسكري', 187, 204),
    ('a2', 4, 'place:20f4e25d202a', 'تل قرمزان', 247, 256),
    ('a2', 4, 'rif:idlib', 'ريف إدلب الجنوبي', 260, 276),
    ('a3', 1, 'sy:idlib', 'إدلب', 42, 46),
    ('a3', 1, 'sy:maarat_al_numan', 'معرة النعمان', 76, 88),
    ('a3', 2, 'gn:166331', 'نبل', 111, 114),
    ('a3', 2, 'sy:zahraa', 'الزهراء', 116, 123),
    ('a3', 2, 'sy:aleppo', 'حلب', 129, 132),
]
OLD_DETECTED = [
    ('person:3d10ddda624b', 'سليم برهوم', None, 'person', None, None, 'detected'),
    ('place:20f4e25d202a', 'تل قرمزان', 'hill', 'إدلب'),
]


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE)


def _frame() -> pl.DataFrame:
    rows = []
    for doc_id, sents in DOCS:
        text = "عنوان الخبر"
        for n, sent in enumerate(sents, 1):
            text += "\n\n"
            rows.append((doc_id, n, n, len(text), len(text) + len(sent), sent))
            text += sent
    return pl.DataFrame(rows, schema=["doc_id", "sentence_no", "paragraph_no", "char_start", "char_end", "text"],
                        orient="row")


def test_the_array_path_finds_what_the_per_hit_rules_found(ref):
    result = find_mentions(_frame(), ref)
    assert result.actor_mentions.rows() == OLD_ACTOR_MENTIONS
    assert result.location_mentions.rows() == OLD_LOCATION_MENTIONS
    detected = (result.actors.filter(pl.col("source") == "detected").rows()
                + result.locations.filter(pl.col("source") == "detected")
                .select("location_id", "name_ar", "kind", "admin1_ar").rows())
    assert detected == OLD_DETECTED


def test_the_sentences_cover_every_kind_of_overlap(ref):
    """Guard for the test above: its sentences hold nested names, a state read both ways, a licensed anaphor,
    a dropped party-place, a direction, and one of each detected entity."""
    actors = {(r[2], r[3]) for r in OLD_ACTOR_MENTIONS}
    places = {r[3] for r in OLD_LOCATION_MENTIONS}
    assert ("sy_gov_forces", "قوات النظام السوري") in actors         # over "النظام السوري" and "النظام"
    assert "روسيا" in places and ("russia", "روسيا") in actors       # "إلى روسيا" a place, "قالت روسيا" the party
    assert ("sy_gov", "النظام") in actors                            # licensed by the full name before it
    assert "دمشق" in places and "ريف حماة الشمالي" in places and "ريف دمشق الشرقي" in places
    assert len([r for r in OLD_LOCATION_MENTIONS if r[2] == "sy:damascus"]) == 1   # "موالون لدمشق" is a party
    assert "سوريا" not in places                                     # "12 جنديا سوريا"
    assert {d[0].split(":")[0] for d in OLD_DETECTED} == {"person", "place"}


_SPAN = st.tuples(st.integers(0, 60), st.integers(1, 8), st.sampled_from(["a", "b", "c", ""]),
                  st.sampled_from(["x", "y", ""]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=40))
def test_overlap_groups_then_resolve_equals_resolve_over_everything(raw):
    candidates = [(-n, s, s + n, (a,) if a else (), (loc,) if loc else ()) for s, n, a, loc in raw]
    expected: dict = {}
    expected_taken = bytearray(80)
    _resolve(candidates, expected_taken, expected)

    start = np.array([c[1] for c in candidates], dtype=np.int64)
    end = np.array([c[2] for c in candidates], dtype=np.int64)
    winners, hard = overlap_groups(start, end)
    assert not set(winners.tolist()) & set(hard.tolist())
    got: dict = {}
    taken = bytearray(80)
    for i in winners.tolist():
        c = candidates[i]
        taken[c[1]:c[2]] = b"\x01" * (c[2] - c[1])
        got[(c[1], c[2])] = Span(c[1], c[2], c[3], c[4])
    assert _taken(start[winners], end[winners], 80) == taken
    _resolve([candidates[i] for i in hard.tolist()], taken, got)
    assert got == expected
    assert taken == expected_taken
    # Every candidate is either a winner, or in a group read by ``_resolve``, or lost to a winner it overlaps.
    lone = set(range(len(candidates))) - set(winners.tolist()) - set(hard.tolist())
    assert all(any(start[w] < end[i] and start[i] < end[w] for w in winners.tolist()) for i in lone)


def test_a_batch_without_sentences_has_no_mentions(ref):
    result = find_mentions(_frame().clear(), ref)
    assert result.actor_mentions.height == 0 and result.location_mentions.height == 0
    assert result.actor_mentions.columns == ["doc_id", "sentence_no", "actor_id", "surface", "char_start", "char_end"]
    assert result.actors.equals(ref.actors) and result.locations.equals(ref.locations)


@pytest.mark.parametrize("text", ["قال «المرصد»: قتل_3، (مدنيين)!\nسطر", "قتل 😀 ثلاثة، «مدنيين»_x", ""])
def test_the_scan_text_blanks_every_non_word_character_on_16_and_32_bit_texts(text):
    # Every character but letters, digits, spaces and line breaks becomes a space ("_" too), by the 16-bit table
    # or, beyond the Basic Multilingual Plane, by replacement; one space on each side shifts offsets by one.
    expected = " " + "".join(" " if (not (ch.isalnum() or ch in " \n")) or ch == "_" else ch for ch in text) + " "
    assert boundary_text(text) == expected
