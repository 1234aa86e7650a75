from pipelines.lib.clean.boilerplate import load_boilerplate
from pipelines.lib.clean.document import clean_document
from pipelines.lib.clean.segment import split_sentences
from pipelines.lib.ingest.records import split_title
from tests.conftest import REFERENCE, SEEDS

BOILER = load_boilerplate(REFERENCE / "boilerplate.yaml")


def test_boilerplate_lines():
    for line in ["مشاركة", "الأكثر مشاركة", "انسخ الرابطhttps://ar.rt.com/gtpx", "https://example.com/a?b=1", "218",
                 "صفحة 2 من 5", "المصدر : الجزيرة"]:
        assert BOILER.is_boilerplate(line), line
    for line in ["قتل 218 شخصاً", "مشاركة واسعة في المفاوضات"]:
        assert not BOILER.is_boilerplate(line), line


def test_sentences_split_on_arabic_punctuation_not_on_decimals():
    para = "قتل 1.5 مليون؟ نعم. وقال المرصد؛ إن العدد ارتفع"
    assert [para[s:e] for s, e in split_sentences(para)] == ["قتل 1.5 مليون؟", "نعم.", "وقال المرصد؛", "إن العدد ارتفع"]


def test_seed_002_repeated_paragraphs_are_kept_once():
    title, body = split_title((SEEDS / "002_a4a810ac40d15723.txt").read_text(encoding="utf-8"))
    doc = clean_document(title, body, BOILER)
    assert doc.n_paragraphs_removed == 9
    assert doc.n_paragraphs == 14
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))


def test_offsets_slice_the_display_text():
    title, body = split_title((SEEDS / "001_d50f83f25a8dc3e7.txt").read_text(encoding="utf-8"))
    doc = clean_document(title, body, BOILER)
    assert doc.text.startswith("جولة مفاوضات في أستانا")
    assert "218" not in doc.text.split("\n\n")[:3] and not doc.text.endswith("مشاركة")
    assert doc.n_boilerplate_lines == 2
    for _, s, e in doc.sentences:
        piece = doc.text[s:e]
        assert piece == piece.strip() and "\n" not in piece
