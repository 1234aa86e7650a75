import json

import pytest

from pipelines.lib.ingest.records import BadRecords, parse_date, parse_records


def test_txt_title_is_first_non_empty_line():
    recs, problems = parse_records("dir/abc.txt", "\n\n  العنوان  \n\nالنص الأول\nالنص الثاني")
    assert problems == []
    assert [(r.doc_id, r.title) for r in recs] == [("abc", "العنوان")]
    assert "النص الثاني" in recs[0].body


def test_txt_without_body_is_refused():
    with pytest.raises(BadRecords, match="no article body"):
        parse_records("a.txt", "عنوان فقط\n\n")


def test_jsonl_fields_ids_and_bad_lines():
    lines = [
        json.dumps({"id": 7, "title": "ت", "maintext": "نص", "url": "http://x/1", "date_publish": "2018-07-05 10:00:00",
                    "source_domain": "example.com"}),
        "{not json",
        json.dumps({"title": "بلا نص"}),
        json.dumps({"content": "نص آخر", "url": "http://x/2"}),
    ]
    recs, problems = parse_records("dump.jsonl", "\n".join(lines))
    assert [r.doc_id for r in recs][0] == "dump:7"
    assert recs[1].doc_id.startswith("dump:") and len(recs[1].doc_id) == len("dump:") + 16
    assert recs[0].outlet == "example.com" and recs[0].published_at.year == 2018
    assert len(problems) == 2 and "invalid JSON" in problems[0] and "no text field" in problems[1]


def test_ids_are_stable_across_parses():
    text = json.dumps({"text": "نص", "url": "http://x/9"})
    assert parse_records("d.jsonl", text)[0][0].doc_id == parse_records("d.jsonl", text)[0][0].doc_id


def test_json_list_and_csv():
    recs, _ = parse_records("d.json", json.dumps({"articles": [{"body": "أ"}, {"text": "ب"}]}))
    assert [r.body for r in recs] == ["أ", "ب"]
    recs, _ = parse_records("d.csv", "title,text,date\nعنوان,نص المقال,2015-08-06\n")
    assert recs[0].title == "عنوان" and recs[0].published_at.day == 6


def test_empty_dump_is_refused():
    with pytest.raises(BadRecords, match="no article records"):
        parse_records("d.jsonl", "\n\n")


def test_parse_date_formats():
    assert parse_date("2015-08-06T10:00:00Z").hour == 10
    assert parse_date("06/08/2015").month == 8
    assert parse_date("yesterday") is None
