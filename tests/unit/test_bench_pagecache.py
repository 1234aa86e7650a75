"""bench.pagecache.evict: every regular file of a folder is dropped from the page cache, and nothing else breaks."""

import os

import pytest

from bench.pagecache import evict

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no posix_fadvise on this system")


def test_every_regular_file_under_the_folder_is_advised(tmp_path):
    (tmp_path / "0000").mkdir()
    for k in range(3):
        (tmp_path / "0000" / f"a{k}.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text("{}\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")        # opened without blocking, not advised
    assert evict(tmp_path) == 4
    assert (tmp_path / "0000" / "a1.txt").read_text(encoding="utf-8") == "نص"   # still readable, from the disk
    assert evict(tmp_path / "missing") == 0
