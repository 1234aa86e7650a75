"""HTML pages and fields become text through a real parser; markup never reaches the documents."""

from __future__ import annotations

import json

import pytest

from pipelines.lib.ingest.html import html_to_text, looks_like_html
from pipelines.lib.ingest.records import BadRecords, parse_records

PAGE = """<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>غارات على ريف حماة</title>
<style>p { color: red }</style>
<script>var banner = "قتل 999 شخصا"; trackVisit();</script></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/sy">سوريا</a></nav>
<h1>غارات على ريف حماة</h1>
<p>قتل <b>سبعة</b> مدنيين&nbsp;في غارات على بلدة كفرنبودة، بحسب الدفاع المدني.</p>
<p>وقال ناشطون إن &quot;الطائرات&quot; عادت مساء &amp; قصفت المنطقة.<br>وأصيب آخرون.</p>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_a_page_becomes_its_title_and_paragraphs():
    title, text = html_to_text(PAGE)
    assert title == "غارات على ريف حماة"
    assert text.split("\n") == [
        "قتل سبعة مدنيين في غارات على بلدة كفرنبودة، بحسب الدفاع المدني.",
        'وقال ناشطون إن "الطائرات" عادت مساء & قصفت المنطقة.',
        "وأصيب آخرون.",
    ]
    assert "999" not in text and "الرئيسية" not in text and "الحقوق" not in text and "color" not in text


@pytest.mark.parametrize(("text", "expected"), [
    (PAGE, True),
    ("<p>قتل ثلاثة</p>", True),
    ("<div>سطر</div><span>آخر</span>", True),
    ("قال إن عدد القتلى < 10 وإن الجرحى > 20", False),
    ("مقال عادي بلا أي وسوم", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_a_txt_page_is_read_as_its_text_not_its_markup():
    (rec,), problems = parse_records("page.txt", PAGE)
    assert problems == [] and rec.title == "غارات على ريف حماة"
    assert rec.body.startswith("قتل سبعة مدنيين") and "<" not in rec.body and "999" not in rec.body


def test_a_page_with_nothing_readable_is_quarantined():
    with pytest.raises(BadRecords, match="HTML page with no readable text"):
        parse_records("x.txt", "<html><head><script>var x = 1;</script></head><body><nav>قائمة</nav></body></html>")


def test_html_in_a_dump_field_is_converted_or_the_record_skipped():
    rows = [
        {"id": "1", "title": "<b>عنوان</b> <i>الخبر</i>", "content": "<p>قتل مدني.</p><script>x='قتل 999'</script>"},
        {"id": "2", "text": "<div><script>only()</script></div><style>p{}</style>"},
    ]
    records, problems = parse_records("d.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    assert [(r.title, r.body) for r in records] == [("عنوان الخبر", "قتل مدني.")]
    assert problems == ["record 1: field 'text' is HTML with no readable text"]


def test_body_fields_must_be_text():
    rows = [
        {"id": "obj", "text": {"a": 1}},
        {"id": "num", "text": 12345},
        {"id": "bool", "body": True},
        {"id": "mixed", "content": ["فقرة", 3]},
        {"id": "paras", "title": ["not", "a title"], "text": ["  الفقرة الأولى. ", "", "الفقرة الثانية."]},
        {"id": "null", "text": None, "content": "نص في حقل آخر"},
    ]
    records, problems = parse_records("d.json", json.dumps(rows, ensure_ascii=False))
    assert [(r.doc_id, r.title, r.body) for r in records] == [
        ("d:paras", None, "الفقرة الأولى.\nالفقرة الثانية."),
        ("d:null", None, "نص في حقل آخر"),
    ]
    assert problems == [
        "record 0: field 'text' is an object, not text",
        "record 1: field 'text' is a number, not text",
        "record 2: field 'body' is a boolean, not text",
        "record 3: field 'content' is a list with non-text items, not text",
    ]
