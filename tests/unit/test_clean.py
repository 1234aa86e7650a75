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


def test_sentence_ends_are_the_regex_matches():
    """The NumPy sentence-end finder agrees with the regex it stands for, on random mixes of enders,
    closing quotes, white space of every kind (U+001C-U+001F included) and letters."""
    import random

    import numpy as np

    from pipelines.lib.clean.segment import _IS_SPACE, SENTENCE_END, _sentence_ends

    rng = random.Random(4)
    alphabet = list(".!?؟؛…\"'»”)]") + [" ", "\n", "\t", "\x1c", "\x1f", "\u00a0", "\u3000"] + list("abن1")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        expected = [m.end() for m in SENTENCE_END.finditer(text)]
        assert _sentence_ends(points, _IS_SPACE[points]).tolist() == expected, repr(text)


def test_split_paragraphs_equals_cutting_and_stripping():
    """Random paragraphs: every sentence is a piece between sentence ends, stripped of white space."""
    import random

    from pipelines.lib.clean.segment import SENTENCE_END, split_paragraphs

    def reference(i: int, par: str) -> list[tuple[int, int, int]]:
        cuts = sorted({0, len(par), *(m.end() for m in SENTENCE_END.finditer(par))})
        spans = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = par[a:b]
            if piece.strip():
                spans.append((i, a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())))
        return spans

    rng = random.Random(9)
    alphabet = list(".!?؟»)\"") + [" ", " ", "\t", "\x1c", "\u2003"] + list("abcن1")
    for _ in range(300):
        paragraphs = ["".join(rng.choices(alphabet, k=rng.randint(0, 15))) for _ in range(rng.randint(1, 6))]
        par, start, end = split_paragraphs(paragraphs)
        got = list(zip(par.tolist(), start.tolist(), end.tolist(), strict=True))
        assert got == [s for i, p in enumerate(paragraphs) for s in reference(i, p)], paragraphs
