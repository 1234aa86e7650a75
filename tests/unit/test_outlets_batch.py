import re

from pipelines.lib.ingest.outlets import OutletPattern, detect_outlet, detect_outlets, load_outlet_patterns
from tests.conftest import REFERENCE, SEEDS

PATTERNS = load_outlet_patterns(REFERENCE / "outlets.csv")


def test_every_shipped_pattern_has_a_rust_form():
    assert all(p.rust == f"(?im){p.regex.pattern}" for p in PATTERNS)


def test_batch_detection_gives_the_single_text_answers():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["قتل مدنيان في قصف على حلب", "", "رابط: WWW.ALJAZEERA.NET/news", "سانا sana.sy\nالمصدر : الجزيرة",
              "x\x1cالمصدر\x1c: الجزيرة", "حديث مع «العربي الجديد» عن ar.rt.com"]
    assert detect_outlets(texts, PATTERNS) == [detect_outlet(t, PATTERNS) for t in texts]
    assert detect_outlets(texts[-4:], PATTERNS) == ["الجزيرة", "الجزيرة", "الجزيرة", "العربي الجديد"]
    assert detect_outlets([], PATTERNS) == []


def test_a_pattern_rust_cannot_run_is_still_applied_by_python():
    lookbehind = OutletPattern("عنب بلدي", re.compile(r"(?<=موقع )عنب", re.I | re.M), "signature", None)
    texts = ["نقلا عن موقع عنب بلدي", "عنب وتين"]
    assert detect_outlets(texts, [*PATTERNS, lookbehind]) == ["عنب بلدي", None]


def test_loading_marks_patterns_rust_cannot_compile(tmp_path):
    csv_path = tmp_path / "outlets.csv"
    csv_path.write_text('outlet,pattern,kind\nعنب بلدي,"(?<=موقع )عنب",signature\nسانا,sana\\.sy,link\n',
                        encoding="utf-8")
    patterns = load_outlet_patterns(csv_path)
    assert [p.rust for p in patterns] == [None, r"(?im)sana\.sy"]
    assert detect_outlets(["عن موقع عنب", "SANA.SY"], patterns) == ["عنب بلدي", "سانا"]


def test_a_batch_frame_gets_the_outlet_its_record_did_not_name():
    import polars as pl

    from pipelines.lib.ingest.rows import RAW_DOCUMENTS_SCHEMA
    from pipelines.lib.ingest.scan import fill_outlets

    bodies = ["نص\nالمصدر : الجزيرة", "نص بلا توقيع", "رابط sana.sy", "المصدر : الجزيرة"]
    docs = pl.DataFrame({"doc_id": list("abcd"), "title": [None, "عنوان", "عنوان", "alaraby.co.uk"],
                         "body": bodies, "outlet": [None, "", "سانا الرسمية", None]},
                        schema={k: RAW_DOCUMENTS_SCHEMA[k] for k in ("doc_id", "title", "body", "outlet")})
    filled = fill_outlets(docs, PATTERNS)
    # A named outlet stays; the others are what the title and body joined say, as detect_outlet reads them.
    assert filled["outlet"].to_list() == ["الجزيرة", None, "سانا الرسمية", "الجزيرة"]
    assert filled.drop("outlet").equals(docs.drop("outlet"))
    assert detect_outlets(pl.Series(["x", None, "y\nalaraby.co.uk"]), PATTERNS) == [None, None, "العربي الجديد"]
