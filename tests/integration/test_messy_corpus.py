"""A corpus with copies, edits, odd encodings and junk: every file ends as a row, nothing is lost."""

import json
import shutil

import duckdb
import pytest

from pipelines.cli import build_warehouse
from tests.conftest import SEEDS

SEED = "000_8c89416b5eb7dd4b"


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    root = tmp_path_factory.mktemp("messy")
    corpus = root / "corpus"
    corpus.mkdir()
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    shutil.copy(SEEDS / f"{SEED}.txt", corpus / f"{SEED}.txt")
    (corpus / "copy_of_seed.txt").write_bytes((SEEDS / f"{SEED}.txt").read_bytes())
    edited = text.replace("وفي حماة،", "وفي محافظة حماة،").replace("المصدر : الجزيرة", "")
    (corpus / "edited_copy.txt").write_text(edited, encoding="utf-8")
    other = (SEEDS / "003_12267a34fe978af7.txt").read_text(encoding="utf-8")
    (corpus / "windows1256.txt").write_bytes(other.encode("cp1256", errors="replace"))
    seed4 = (SEEDS / "004_a27e68f401b81780.txt").read_text(encoding="utf-8")
    (corpus / "utf16.txt").write_bytes(seed4.encode("utf-16"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (corpus / "empty.jsonl").write_bytes(b"")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    dump = [
        {"id": "a1", "title": "قصف على دوما", "maintext": "قتل ثلاثة مدنيين في قصف على دوما.",
         "url": "https://www.enabbaladi.net/archives/1", "date_publish": "2018-02-20 09:30:00", "source": "عنب بلدي"},
        {"title": "بلا رابط", "text": "جرح طفلان في انفجار لغم قرب منبج.", "date": "2018-03-01"},
        "not an object",
    ]
    (corpus / "dump.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in dump), encoding="utf-8")
    facts = build_warehouse(corpus, root / "w.duckdb", root / "lake")
    con = duckdb.connect(str(root / "w.duckdb"), read_only=True)
    yield facts, con
    con.close()


def test_every_file_has_a_row(messy):
    facts, con = messy
    assert facts["success"]
    rows = {r[0]: r[1:] for r in con.execute("select path, status, encoding, reason from raw_files").fetchall()}
    assert len(rows) == 10 == facts["files_seen"]
    assert rows["dump.jsonl"][0] == "ok" and "1 record(s) skipped: record 2: not an object" in rows["dump.jsonl"][2]
    assert rows["windows1256.txt"][:2] == ("ok", "cp1256")
    assert rows["utf16.txt"][:2] == ("ok", "utf-16")
    assert rows["empty.txt"][0] == "quarantined" and "empty file" in rows["empty.txt"][2]
    assert rows["empty.jsonl"][0] == "quarantined" and "empty file" in rows["empty.jsonl"][2]
    assert rows["image.txt"][0] == "quarantined" and "binary" in rows["image.txt"][2]
    assert rows["notes.docx"][0] == "quarantined" and "unsupported file type" in rows["notes.docx"][2]
    assert facts["n_quarantined"] == 4


def test_duplicates_point_at_the_canonical(messy):
    _, con = messy
    rows = con.execute("select doc_id, status, duplicate_of, dup_similarity from documents").fetchall()
    docs = {r[0]: r[1:] for r in rows}
    assert len(docs) == 7
    group_ids = (SEED, "copy_of_seed", "edited_copy")
    canonical = [d for d, (status, *_rest) in docs.items() if d in group_ids and status == "ok"]
    assert len(canonical) == 1
    group = {SEED, "copy_of_seed", "edited_copy"} - set(canonical)
    for d in group:
        assert docs[d][0] == "duplicate" and docs[d][1] == canonical[0] and docs[d][2] >= 0.8
    assert docs["windows1256"][0] == "ok" and docs["utf16"][0] == "ok"


def test_decoded_arabic_is_right(messy):
    _, con = messy
    title = con.execute("select title from documents where doc_id = 'utf16'").fetchone()[0]
    assert title == "الائتلاف يدعو دي ميستورا إلى الضغط على دمشق للعودة الى المفاوضات"
    text = con.execute("select text from documents where doc_id = 'windows1256'").fetchone()[0]
    assert "خفض التصعيد" in text


def test_dump_records_keep_their_fields(messy):
    _, con = messy
    rows = con.execute(
        "select doc_id, outlet, published_at, url, title from documents where doc_id like 'dump:%' order by doc_id"
    ).fetchall()
    assert len(rows) == 2
    first = next(r for r in rows if r[0] == "dump:a1")
    assert first[1] == "عنب بلدي" and first[2].isoformat() == "2018-02-20T09:30:00"
    assert first[3] == "https://www.enabbaladi.net/archives/1" and first[4] == "قصف على دوما"
    second = next(r for r in rows if r[0] != "dump:a1")
    assert second[1] is None and second[2].date().isoformat() == "2018-03-01"
    claims = con.execute("select count(*) from casualty_claims where doc_id like 'dump:%'").fetchone()[0]
    assert claims == 2
