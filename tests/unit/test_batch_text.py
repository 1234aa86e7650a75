import re

import pytest

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.clean.batch_text import char_table, normalize_many, translate_many
from pipelines.lib.clean.boilerplate import load_boilerplate
from pipelines.lib.clean.document import clean_documents, tidy_many
from pipelines.lib.clean.segment import split_paragraphs, split_sentences
from pipelines.lib.ingest.records import split_title
from tests.conftest import REFERENCE, SEEDS

EDGE_CASES = [
    "ΟΔΟΣ Σ aΣ b", "ه\u0654 ا\u0653 e\u0301", " \u064b  ", "a  \u200f b", "ﷺ ﻻ", "İstanbul", "\ud800x", "", "  ",
    "قتل\u200f\u00a0\u00a0مدني", "سـوريـا ٣٤٠", "x\x00y",
]


def test_normalize_many_equals_normalize_on_every_code_point():
    chars = [chr(c) for c in range(1, 0x110000)]
    assert normalize_many(chars) == [normalize(c) for c in chars]


def test_normalize_many_equals_normalize_on_texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + EDGE_CASES
    assert normalize_many(texts) == [normalize(t) for t in texts]
    assert normalize_many([]) == []


def test_translate_many_collapses_spaces_and_survives_the_separator_in_a_text():
    table = char_table({"\u00a0": " ", "\u200f": ""})
    texts = ["a \u00a0 b", "c\u200f  d", "e\x00f  g", ""]
    assert translate_many(texts, table, collapse_spaces=True) == ["a b", "c d", "e\x00f g", ""]
    assert translate_many(texts, table) == ["a   b", "c  d", "e\x00f  g", ""]
    with pytest.raises(ValueError):
        char_table({"ab": "c"})


def test_tidy_many_matches_the_translate_table_it_replaces():
    invisible = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\x00"
    odd = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
    table = {**dict.fromkeys(map(ord, invisible)), **dict.fromkeys(map(ord, odd), " ")}
    texts = ["قال\u00a0\u00a0 المرصد\u200f:\tقتل  ٣", "a\u200b b\n\n\u3000c", "\x01x  y", " \u2003 "]
    want = [re.sub(" {2,}", " ", t.translate(table)) for t in texts]
    assert tidy_many(texts) == want


def test_split_paragraphs_equals_one_paragraph_at_a_time():
    paragraphs = ["قتل 1.5 مليون؟ نعم. وقال المرصد؛ إن العدد ارتفع", ".", ". . x", "بلا نقطة", "«قال.» ثم! و",
                  "a.\u2003b", "x.\x1cy", "…"]
    par, start, end = split_paragraphs(paragraphs)
    flat = [(i, s, e) for i, p in enumerate(paragraphs) for s, e in split_sentences(p)]
    assert list(zip(par.tolist(), start.tolist(), end.tolist(), strict=True)) == flat
    assert [paragraphs[0][s:e] for s, e in split_sentences(paragraphs[0])] == [
        "قتل 1.5 مليون؟", "نعم.", "وقال المرصد؛", "إن العدد ارتفع"]
    assert split_sentences(". . x") == [(0, 1), (2, 3), (4, 5)]


def test_batch_cleaning_of_awkward_articles():
    boiler = load_boilerplate(REFERENCE / "boilerplate.yaml")
    articles = [
        ("عنوان\u00a0 مع\u200f  مسافات", "سطر\tأول\u3000\u3000ثم.  جملة ؟ ثانية\n\n\x00\n١٢\nمشاركة\n"
         "سطر\tأول ثم.  جملة ؟ ثانية\n  ...  \n\u064b . ."),
        (None, "جسم فقط"),
        ("", ""),
    ]
    batch = clean_documents(articles, boiler)
    got = [(d.text, d.text_norm, d.n_paragraphs, d.n_paragraphs_removed, d.n_boilerplate_lines, d.sentences)
           for d in batch.documents]
    assert got == [
        ("عنوان مع مسافات\n\nسطر أول ثم. جملة ؟ ثانية\n\n...\n\n\u064b . .",
         "عنوان مع مسافات\n\nسطر اول ثم. جمله ؟ ثانيه\n\n...\n\n . .", 4, 1, 2,
         [(0, 0, 15), (1, 17, 28), (1, 29, 35), (1, 36, 41), (2, 43, 46), (3, 48, 51), (3, 52, 53)]),
        ("جسم فقط", "جسم فقط", 1, 0, 0, [(0, 0, 7)]),
        ("", "", 0, 0, 0, []),
    ]
    assert batch.sentence_doc.tolist() == [0] * 7 + [1]
    assert batch.sentence_paragraph.tolist() == [0, 1, 1, 1, 2, 3, 3, 0]


def test_batch_cleaning_keeps_seed_offsets_and_normalised_text():
    boiler = load_boilerplate(REFERENCE / "boilerplate.yaml")
    articles = [split_title(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    batch = clean_documents(articles, boiler)
    for doc in batch.documents:
        assert doc.text_norm == normalize(doc.text)
        for _, s, e in doc.sentences:
            assert doc.text[s:e] == doc.text[s:e].strip() and "\n" not in doc.text[s:e]
    assert [d.n_paragraphs_removed for d in batch.documents] == [1, 0, 9, 0, 0]
