"""The dashboard waits for a run that is writing the release file in place, instead of failing the page."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from dashboards.data import _open_release

ROOT = Path(__file__).resolve().parents[2]


def test_a_page_waits_for_the_refresh_then_reads_the_new_rows(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table documents as select 1 as n")
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time, duckdb
        con = duckdb.connect({str(path)!r})
        print("writing", flush=True)
        time.sleep(1.5)
        con.execute("insert into documents values (2)")
        con.close()
    """)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    start = time.monotonic()
    with _open_release(str(path), wait_s=20) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
    assert time.monotonic() - start > 0.5         # it did wait for the writer
    writer.wait(timeout=30)


def test_it_gives_up_after_its_wait(tmp_path):
    path = tmp_path / "w.duckdb"
    holder = duckdb.connect(str(path))
    holder.execute("create table t as select 1")
    # In-process the file handle is shared, so the lock conflict needs another process.
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb
        from dashboards.data import _open_release
        try:
            _open_release({str(path)!r}, wait_s=0.3)
        except duckdb.IOException as exc:
            print("gave up:", "lock" in str(exc).lower())
    """)], capture_output=True, text=True, cwd=str(ROOT))
    holder.close()
    assert proc.stdout.strip() == "gave up: True", proc.stderr[-500:]

