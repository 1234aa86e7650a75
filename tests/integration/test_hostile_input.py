"""Hostile input through the real pipeline: unreadable files retried, HTML, odd dump fields, replaced files."""

from __future__ import annotations

import json
import os
import shutil

import duckdb

from pipelines.cli import build_warehouse, main, up_to_date
from pipelines.lib.ingest import scan
from pipelines.settings import lake_config
from tests.conftest import SEEDS


def _use(monkeypatch, corpus, wh, lake) -> None:
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(wh))
    monkeypatch.setenv("RASD_LAKE", str(lake))


def test_a_file_that_failed_to_read_is_read_by_the_next_run(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    _use(monkeypatch, corpus, wh, lake)
    real_read = scan.read_regular_file
    victim = sorted(corpus.iterdir())[0].name

    def failing(path, st):
        if str(path).endswith(victim):
            raise OSError(5, "Input/output error")
        return real_read(path, st)

    monkeypatch.setattr(scan, "read_regular_file", failing)
    first = build_warehouse(corpus, wh, lake)
    assert first["success"] and first["n_quarantined"] == 1
    # nothing in the corpus listing changed, yet the next `make run` must not take the fast path
    assert up_to_date(lake_config(lake)) is None
    monkeypatch.setattr(scan, "read_regular_file", real_read)
    second = build_warehouse(corpus, wh, lake)
    assert second["files_read"] == 1 and second["n_quarantined"] == 0 and second["n_canonical"] == 5
    assert up_to_date(lake_config(lake)) is not None
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from raw_files where status = 'ok'").fetchone()[0] == 5


def test_html_pages_and_odd_dump_fields_end_as_text_or_reasons(tmp_path):
    from tests.unit.test_html_input import PAGE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "saved_page.txt").write_text(PAGE, encoding="utf-8")
    rows = [
        {"id": "html", "title": "قصف", "text": "<p>قتل ثلاثة مدنيين في قصف على بلدة سرمين.</p>"
                                                "<script>alert('قتل 999 شخصا')</script>"},
        {"id": "obj", "text": {"a": 1}},
        {"id": "list", "text": ["قتل طفلان في انفجار لغم قرب منبج.", "وأصيب آخر."]},
        {"id": "number", "text": 77},
    ]
    (corpus / "dump.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    facts = build_warehouse(corpus, tmp_path / "w.duckdb", tmp_path / "lake")
    assert facts["success"]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        files = dict(con.execute("select path, status || ' ' || coalesce(reason, '') from raw_files").fetchall())
        assert files["saved_page.txt"] == "ok "
        assert files["dump.jsonl"] == ("ok 2 record(s) skipped: record 1: field 'text' is an object, not text; "
                                       "record 3: field 'text' is a number, not text")
        texts = dict(con.execute("select doc_id, text from documents").fetchall())
        assert texts["saved_page"].startswith("غارات على ريف حماة\n")
        assert not [t for t in texts.values() if "<" in t or "999" in t or "None" in t or "{" in t]
        # a list body is paragraphs (the clean text separates paragraphs by a blank line)
        assert texts["dump:list"].split("\n\n")[-2:] == ["قتل طفلان في انفجار لغم قرب منبج.", "وأصيب آخر."]
        claims = con.execute("select doc_id, count_low, evidence from casualty_claims order by doc_id").fetchall()
    assert not [c for c in claims if c[1] == 999 or "999" in c[2]]
    assert {(doc, low) for doc, low, _ in claims} >= {("saved_page", 7), ("dump:html", 3), ("dump:list", 2)}


def test_a_replacement_with_the_same_size_and_mtime_is_found_by_verify(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = corpus / "report.txt"
    report.write_text("حصيلة اليوم\nقتل 51 مدنيا في قصف على مدينة دوما.\n", encoding="utf-8")
    wh = tmp_path / "w.duckdb"
    _use(monkeypatch, corpus, wh, tmp_path / "lake")
    assert main(["run"]) == 0
    before = report.stat()
    report.write_text("حصيلة اليوم\nقتل 77 مدنيا في قصف على مدينة دوما.\n", encoding="utf-8")
    os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert report.stat().st_size == before.st_size

    def killed() -> list[int]:
        with duckdb.connect(str(wh), read_only=True) as con:
            return [r[0] for r in con.execute("select count_low from casualty_claims").fetchall()]

    assert main(["run"]) == 0          # size and mtime decide: the replacement is not seen
    assert "nothing changed" in capsys.readouterr().out and killed() == [51]
    assert main(["run", "--verify"]) == 0
    out = capsys.readouterr().out
    assert "(read 1)" in out and "verified by content hash 1, replaced with the same size and mtime 1" in out
    assert "raw zone objects whose bytes changed 0" in out
    assert killed() == [77]
    assert main(["run", "--verify"]) == 0      # verified again, nothing differs: nothing published
    out = capsys.readouterr().out
    assert "(read 0)" in out and "replaced with the same size and mtime 0" in out and "nothing changed" in out


def test_the_daily_schedule_verifies_by_content_hash():
    from pipelines.defs.automation import daily_schedule
    from pipelines.defs.resources import VERIFY_TAG

    assert daily_schedule.tags[VERIFY_TAG] == "true"


ZWJ, WORD_JOINER, RLM = "\u200d", "\u2060", "\u200f"


def test_invisible_characters_hide_no_trigger_and_never_make_the_canonical_copy(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    clean = "اشتباكات في ريف حمص\nقال ناشطون إن مسلحين قتلوا خمسة مدنيين في قرية قرب حمص مساء الأحد.\n"
    # The marked-up copy sorts first and is longer: the old rule (longest, then doc_id) made it canonical.
    marked = clean.replace("قتلوا", f"قت{ZWJ}لوا").replace("ناشطون", f"{RLM}ناشطون{RLM}")
    (corpus / "a_marked.txt").write_text(marked, encoding="utf-8")
    (corpus / "b_clean.txt").write_text(clean, encoding="utf-8")
    (corpus / "c_joined.txt").write_text(
        f"غارة على إدلب\nوأفاد الدفاع المدني بأن الغارة ق{WORD_JOINER}تلت ثلاثة أطفال في بلدة سرمين.\n",
        encoding="utf-8")
    facts = build_warehouse(corpus, tmp_path / "w.duckdb", tmp_path / "lake")
    assert facts["success"]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        status = {r[0]: r[1:] for r in con.execute("select doc_id, status, duplicate_of from documents").fetchall()}
        claims = con.execute(
            "select c.doc_id, c.count_low, c.mention_text, substr(d.text, c.char_start + 1, c.char_end - c.char_start)"
            " from casualty_claims c join documents d using (doc_id) order by c.doc_id").fetchall()
        canonical_claims = con.execute(
            "select count(*) from casualty_claims join documents using (doc_id) where status = 'ok'").fetchone()[0]
    assert status["b_clean"] == ("ok", None) and status["a_marked"] == ("duplicate", "b_clean")
    assert status["c_joined"] == ("ok", None)
    by_doc = {doc: (count, mention, surface) for doc, count, mention, surface in claims}
    # the trigger with a joiner inside is found, and its offsets slice the surface text, joiner included
    assert by_doc["a_marked"][0] == 5 and f"قت{ZWJ}لوا" in by_doc["a_marked"][1]
    assert by_doc["c_joined"][0] == 3 and WORD_JOINER in by_doc["c_joined"][1]
    assert all(mention == surface for _, mention, surface in by_doc.values())
    assert by_doc["b_clean"][0] == 5 and canonical_claims == 2
