"""advise_reads: the files ingest is about to read are announced to the kernel, and nothing else is opened or
breaks (a file gone, swapped for a pipe, too large or empty is left to the read, which says why)."""

import os
from datetime import UTC, datetime

import pytest

from pipelines.lib.ingest import scan
from pipelines.lib.ingest.scan import HeldObjects, advise_reads, read_files

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no posix_fadvise on this system")


def _entry(path):
    return str(path), path.name, os.stat(path)


def test_only_the_regular_files_ingest_reads_are_advised(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("خبر\nنص الخبر", encoding="utf-8")
    big = tmp_path / "b.txt"
    big.write_bytes(b"x" * 5000)
    empty = tmp_path / "c.txt"
    empty.write_bytes(b"")
    gone = tmp_path / "d.txt"
    gone.write_text("x", encoding="utf-8")
    fifo = tmp_path / "e.txt"
    fifo.write_text("x", encoding="utf-8")
    entries = [_entry(p) for p in (small, big, empty, gone, fifo)]
    gone.unlink()                       # removed after the listing
    fifo.unlink()
    os.mkfifo(fifo)                     # swapped for a pipe after the listing: opening it must not block
    (tmp_path / "pipe").mkdir()
    os.mkfifo(tmp_path / "pipe" / "f.txt")
    entries.append(_entry(tmp_path / "pipe" / "f.txt"))    # listed as a pipe: never opened

    assert advise_reads(entries, max_bytes=1000) == 1      # a.txt alone
    assert advise_reads(entries) == 2                      # no cap: b.txt too
    assert advise_reads([]) == 0


def test_files_are_advised_in_order_up_to_the_byte_budget(tmp_path, monkeypatch):
    paths = []
    for k in range(4):
        path = tmp_path / f"{k}.txt"
        path.write_bytes(b"x" * 100)
        paths.append(path)
    monkeypatch.setattr(scan, "ADVISED_BYTES", 250)
    assert advise_reads([_entry(p) for p in paths]) == 2


def test_reading_a_part_is_unchanged_by_the_advice(tmp_path):
    paths = []
    for k in range(5):
        path = tmp_path / f"{k}.txt"
        path.write_text(f"عنوان {k}\nقتل {k} مدنيين في قصف على حلب.", encoding="utf-8")
        paths.append(path)
    held = HeldObjects()
    files, docs = read_files([_entry(p) for p in paths], held, datetime(2026, 1, 1, tzinfo=UTC))
    assert [f["status"] for f in files] == ["ok"] * 5
    assert [d["title"] for d in docs] == [f"عنوان {k}" for k in range(5)]
    assert len(held.objects) == 5
