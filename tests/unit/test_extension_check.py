"""The record of DuckDB extension files whose signature was checked: a file counts as checked only while it is
the same file (size, mtime, inode), in this process and, through the record file, in the next one."""

import os

import pytest

from pipelines.lib import extension_check


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    monkeypatch.setattr(extension_check, "_checked_here", {})


def test_a_file_is_checked_until_it_changes(tmp_path):
    ext = tmp_path / "a.duckdb_extension"
    ext.write_bytes(b"x" * 10)
    record = tmp_path / "cache" / "checked.json"
    assert not extension_check.checked_before([ext], record)
    extension_check.remember_checked([ext], record)
    assert extension_check.checked_before([ext], record)

    extension_check._checked_here.clear()          # the next process: only the record knows
    assert extension_check.checked_before([ext], record)

    st = ext.stat()
    os.utime(ext, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert not extension_check.checked_before([ext], record)     # touched: checked again


def test_a_replaced_or_missing_file_is_not_checked(tmp_path):
    ext, other = tmp_path / "a.duckdb_extension", tmp_path / "b.duckdb_extension"
    ext.write_bytes(b"x" * 10)
    other.write_bytes(b"y" * 10)
    record = tmp_path / "checked.json"
    extension_check.remember_checked([ext], record)
    assert not extension_check.checked_before([ext, other], record)      # every file must be known
    extension_check._checked_here.clear()
    replacement = tmp_path / "new"
    replacement.write_bytes(b"z" * 11)
    os.replace(replacement, ext)
    assert not extension_check.checked_before([ext], record)
    ext.unlink()
    assert not extension_check.checked_before([ext], record)


def test_no_record_or_an_unreadable_one_means_checking(tmp_path):
    ext = tmp_path / "a.duckdb_extension"
    ext.write_bytes(b"x")
    record = tmp_path / "checked.json"
    record.write_text("not json", encoding="utf-8")
    assert not extension_check.checked_before([ext], record)
    extension_check.remember_checked([ext], None)           # no record: this process only
    assert extension_check.checked_before([ext], None)
    extension_check._checked_here.clear()
    assert not extension_check.checked_before([ext], None)
