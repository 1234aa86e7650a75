"""Property: whatever bytes, encodings and JSON shapes a corpus holds, ingest gives every file exactly one
raw_files row with a status (and a reason when quarantined), and never raises."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.lib.warehouse import apply_ddl
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE

FIELDS = ["id", "title", "text", "maintext", "content", "body", "url", "date", "source", "articles", "data"]
# Arabic letters and digits, Latin, markup, invisible marks, controls and odd spaces.
ALPHABET = st.sampled_from(list("قتلمدنيونفيحصارابدة ٠١٢٣456 \n\tabcXYZ<>/&;\"'{}[],.:") +
                           ["<p>", "</p>", "<script>", "&amp;", "\u200d", "\u200f", "\u2060", "\ufeff", "\x00",
                            "\x07", "\r\n", "\u00a0", "\ufffd", "\U0001F600"])
TEXT = st.lists(ALPHABET, max_size=120).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256", "latin-1"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | TEXT, inner, max_size=5),
    max_leaves=12,
)


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=sorted({k for r in rows for k in r}) or ["text"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


SUFFIX_AND_TEXT = st.one_of(
    st.tuples(st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".docx", ""]), TEXT),
    st.tuples(st.just(".json"), JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False))),
    st.tuples(st.just(".jsonl"), st.lists(JSON_VALUES, max_size=4).map(
        lambda vs: "\n".join(json.dumps(v, ensure_ascii=False) for v in vs))),
    st.tuples(st.just(".csv"), st.lists(st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=4), max_size=4)
              .map(_csv)),
)
FILE = st.one_of(
    st.tuples(st.sampled_from([".txt", ".jsonl", ".json", ".csv"]), st.binary(max_size=400)),
    st.tuples(SUFFIX_AND_TEXT, st.sampled_from(ENCODINGS)).map(
        lambda pair: (pair[0][0], pair[0][1].encode(pair[1], errors="ignore"))),
)


# Bounded so the suite stays fast; RASD_PROPERTY_EXAMPLES=1000 searches harder.
@settings(max_examples=int(os.environ.get("RASD_PROPERTY_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FILE, min_size=1, max_size=6))
def test_every_file_ends_as_exactly_one_row(files):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        names = []
        for i, (suffix, data) in enumerate(files):
            names.append(f"f{i}{suffix}")
            (corpus / names[-1]).write_bytes(data)
        with duckdb.connect() as con:
            apply_ddl(con)
            meta = run_ingest(con, corpus, Path(tmp) / "lake", REFERENCE / "outlets.csv", max_bytes=300)
            rows = con.execute("select path, status, reason, n_records from raw_files").fetchall()
            n_docs = con.execute("select count(*) from raw_documents").fetchone()[0]
    assert sorted(r[0] for r in rows) == sorted(names) and meta["files_seen"] == len(names)
    for path, status, reason, n_records in rows:
        assert status in {"ok", "quarantined"}, path
        if status == "quarantined":
            assert reason and n_records == 0, path
        else:
            assert n_records >= 1, path
    assert n_docs == sum(r[3] for r in rows) == meta["documents_read"]


def test_pathological_dumps_are_reasons_not_crashes(tmp_path, monkeypatch):
    from pipelines.lib.ingest import scan

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long_cell.csv").write_text("title,text\nعنوان,\"" + "قتل مدني. " * 20000 + "\"\n", encoding="utf-8")
    (corpus / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (corpus / "deep.jsonl").write_text('{"text": "قتل مدني في حلب."}\n' + "[" * 100000 + "]" * 100000,
                                       encoding="utf-8")
    (corpus / "odd.txt").write_text("عنوان\nنص الخبر.\n", encoding="utf-8")
    real_parse = scan.parse_records

    def parse(path, text):
        if path == "odd.txt":
            raise ValueError("a bug in a parser")
        return real_parse(path, text)

    monkeypatch.setattr(scan, "parse_records", parse)
    result = scan.ingest_corpus(corpus, tmp_path / "lake", [], {}, datetime(2026, 1, 1))
    rows = {r["path"]: (r["status"], r["reason"], r["n_records"]) for r in result.files}
    assert rows["long_cell.csv"] == ("ok", None, 1)          # a 200 KB cell is still an article
    assert rows["deep.json"] == ("quarantined", "invalid JSON: nested too deeply", 0)
    assert rows["deep.jsonl"] == ("ok", "1 record(s) skipped: line 2: JSON nested too deeply", 1)
    assert rows["odd.txt"] == ("quarantined", "could not be processed: ValueError: a bug in a parser", 0)
