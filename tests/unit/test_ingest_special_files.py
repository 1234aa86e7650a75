"""Ingest opens only regular files, survives reads that fail, and never keeps half of a file that changed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from datetime import datetime

import pytest

from pipelines.lib.ingest import scan
from pipelines.lib.ingest.scan import SeenFile, ingest_corpus
from tests.conftest import ROOT

ARTICLE = "عنوان الخبر\nقتل مدنيان في قصف على بلدة في ريف إدلب.\n"
NOW = datetime(2026, 1, 1)


def test_a_fifo_named_like_an_article_never_blocks_the_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "real.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(corpus / "x.txt")
    # Run in a child process: on code that opens the FIFO, the read blocks forever; the timeout ends it.
    script = textwrap.dedent(f"""
        from datetime import datetime
        from pathlib import Path
        from pipelines.lib.ingest.scan import ingest_corpus
        result = ingest_corpus(Path({str(corpus)!r}), Path({str(tmp_path / 'lake')!r}), [], {{}}, datetime.now())
        for row in result.files:
            print(row["path"], row["status"], row["reason"], sep="|")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = {line.split("|")[0]: line.split("|")[1:] for line in done.stdout.splitlines()}
    assert rows["real.txt"] == ["ok", "None"]
    assert rows["x.txt"] == ["quarantined", "not a regular file: a named pipe (FIFO); never opened"]


def test_sockets_devices_and_dangling_links_are_rows_with_reasons(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "real.txt").write_text(ARTICLE, encoding="utf-8")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(corpus / "feed.jsonl"))
    os.symlink("/dev/null", corpus / "null.txt")
    os.symlink(corpus / "missing.txt", corpus / "dangling.txt")
    try:
        result = ingest_corpus(corpus, tmp_path / "lake", [], {}, NOW)
    finally:
        server.close()
    rows = {r["path"]: (r["status"], r["reason"]) for r in result.files}
    assert rows == {
        "real.txt": ("ok", None),
        "feed.jsonl": ("quarantined", "not a regular file: a socket; never opened"),
        "null.txt": ("quarantined", "not a regular file: a character device; never opened"),
        "dangling.txt": ("quarantined", "not a regular file: a broken symbolic link; never opened"),
    }
    assert result.n_seen == 4 and len(result.documents) == 1


def test_a_read_that_fails_is_recorded_and_retried_next_run(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(ARTICLE, encoding="utf-8")
    real_read = scan.read_regular_file

    def failing(path, st):
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        return real_read(path, st)

    monkeypatch.setattr(scan, "read_regular_file", failing)
    first = ingest_corpus(corpus, tmp_path / "lake", [], {}, NOW)
    rows = {r["path"]: r for r in first.files}
    assert rows["a.txt"]["status"] == "quarantined"
    assert rows["a.txt"]["reason"] == "cannot read the file: Permission denied; it is read again on the next run"
    assert rows["a.txt"]["mtime"] is None and rows["b.txt"]["status"] == "ok"

    monkeypatch.setattr(scan, "read_regular_file", real_read)
    seen = {r["file_id"]: SeenFile(r["n_bytes"], r["mtime"], r["sha256"]) for r in first.files}
    second = ingest_corpus(corpus, tmp_path / "lake", [], seen, NOW)
    assert [(r["path"], r["status"]) for r in second.files] == [("a.txt", "ok")]      # b.txt unchanged
    assert len(second.unchanged) == 1


def test_a_file_that_grows_between_scan_and_read_is_not_half_read(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    corpus.mkdir()
    growing = corpus / "growing.txt"
    growing.write_text(ARTICLE, encoding="utf-8")
    scanned = os.stat(growing)
    real_read = scan.read_regular_file

    def append_then_read(path, st):
        with open(path, "a", encoding="utf-8") as fh:      # a crawler still writing the file
            fh.write("وأصيب خمسة آخرون.\n")
        return real_read(path, st)

    monkeypatch.setattr(scan, "read_regular_file", append_then_read)
    result = ingest_corpus(corpus, tmp_path / "lake", [], {}, NOW)
    (row,) = result.files
    assert row["status"] == "quarantined" and row["mtime"] is None and result.documents == []
    assert row["reason"] == (f"the file changed while it was read ({scanned.st_size} bytes when scanned, "
                             f"{os.stat(growing).st_size} when read); it is read again on the next run")
    seen = {row["file_id"]: SeenFile(row["n_bytes"], row["mtime"], row["sha256"])}
    monkeypatch.setattr(scan, "read_regular_file", real_read)
    again = ingest_corpus(corpus, tmp_path / "lake", [], seen, NOW)
    assert [r["status"] for r in again.files] == ["ok"] and "وأصيب خمسة آخرون" in again.documents[0]["body"]


def test_a_file_swapped_for_a_pipe_after_the_scan_is_not_opened_blocking(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    st = os.stat(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(scan.ChangedWhileReading, match="became a named pipe"):
        scan.read_regular_file(path, st)


def test_orphaned_incoming_files_of_dead_runs_are_removed(tmp_path):
    from pipelines.lib.ingest.raw_zone import remove_orphaned_incoming

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folder = tmp_path / "lake" / "raw" / "ab"
    folder.mkdir(parents=True)
    orphan = folder / f".incoming-{int(dead.stdout)}-0"
    in_flight = folder / f".incoming-{os.getpid()}-3"          # a run writing right now
    stored = folder / ("ab" + "0" * 62)
    for path in (orphan, in_flight, stored):
        path.write_bytes(b"bytes")
    assert remove_orphaned_incoming(tmp_path / "lake") == 1
    assert not orphan.exists() and in_flight.exists() and stored.exists()
    assert remove_orphaned_incoming(tmp_path / "nowhere") == 0


def _corpus_of_three(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, town in (("a.txt", "سراقب"), ("b.txt", "معرة النعمان"), ("c.txt", "أريحا")):
        (corpus / name).write_text(f"عنوان {town}\nقتل مدنيان في قصف على {town}.\n", encoding="utf-8")
    return corpus


def test_a_file_whose_bytes_cannot_be_stored_is_quarantined_alone_and_read_again_next_run(tmp_path, monkeypatch):
    corpus = _corpus_of_three(tmp_path)
    real_append = scan.PackWriter._append
    b_bytes = (corpus / "b.txt").read_bytes()
    b_sha = scan.sha256_bytes(b_bytes)

    def full_disk_for_b(self, chunks):
        # The batch's write holds b's bytes and fails; so does b's own write when the files are put one by one.
        if b_bytes in chunks:
            raise OSError(28, "No space left on device")
        return real_append(self, chunks)

    monkeypatch.setattr(scan.PackWriter, "_append", full_disk_for_b)
    result = ingest_corpus(corpus, tmp_path / "lake", [], {}, NOW)
    rows = {r["path"]: r for r in result.files}
    assert [rows[p]["status"] for p in ("a.txt", "b.txt", "c.txt")] == ["ok", "quarantined", "ok"]
    assert rows["b.txt"]["reason"] == ("cannot store the file in the raw zone: No space left on device; "
                                       "it is read again on the next run")
    assert rows["b.txt"]["mtime"] is None and rows["b.txt"]["sha256"] is None and rows["b.txt"]["n_records"] == 0
    assert sorted(d["doc_id"] for d in result.documents) == ["a", "c"]
    zone = scan.RawZone(tmp_path / "lake")
    assert rows["a.txt"]["sha256"] in zone and b_sha not in zone

    monkeypatch.setattr(scan.PackWriter, "_append", real_append)
    seen = {r["file_id"]: SeenFile(r["n_bytes"], r["mtime"], r["sha256"]) for r in result.files}
    again = ingest_corpus(corpus, tmp_path / "lake", [], seen, NOW)
    assert [(r["path"], r["status"]) for r in again.files] == [("b.txt", "ok")]
    assert b_sha in scan.RawZone(tmp_path / "lake")


def test_worker_processes_read_the_files_as_the_thread_does(tmp_path, monkeypatch):
    from pipelines.lib.batch_pool import WorkerPool

    where: list = []
    real_fan_out = scan.fan_out
    monkeypatch.setattr(scan, "fan_out", lambda fn, items, local: where.append(local) or real_fan_out(fn, items,
                                                                                                     local=local))
    corpus = _corpus_of_three(tmp_path)
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "copy.txt").write_bytes((corpus / "a.txt").read_bytes())     # one object for two files
    threaded = ingest_corpus(corpus, tmp_path / "lake1", [], {}, NOW, batch_files=2)
    pool = WorkerPool(2)
    try:
        pool.start()                            # as a run on a large corpus does
        pooled = ingest_corpus(corpus, tmp_path / "lake2", [], {}, NOW, batch_files=2, pool=pool)
    finally:
        pool.close()
    assert where == ["thread", pool]
    assert pooled.files == threaded.files and pooled.documents == threaded.documents
    assert [r["status"] for r in pooled.files] == ["ok", "ok", "ok", "ok", "quarantined"]
    packs = sorted((tmp_path / "lake2" / "raw" / "packs").glob("*.idx"))
    stored = [line.split(" ")[0] for idx in packs for line in idx.read_text().splitlines()]
    assert sorted(stored) == sorted({r["sha256"] for r in pooled.files})    # each object once
