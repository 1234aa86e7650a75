"""The corpus listing `make run` hands to ingest: read once for the up-to-date check, taken once by ingest."""

from pathlib import Path

from pipelines.lib.ingest.listing import ListedCorpus, list_corpus


def test_a_listing_is_peeked_then_taken_once_and_only_for_its_folder(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    listing = list_corpus(tmp_path)
    listed = ListedCorpus(listing)
    assert listed.peek(Path("/elsewhere")) is None
    assert listed.peek(tmp_path) is listing and listed.peek(tmp_path) is listing
    assert listed.take(tmp_path) is listing
    assert listed.take(tmp_path) is None and listed.peek(tmp_path) is None
    other = ListedCorpus(listing)
    assert other.take(Path("/elsewhere")) is None and other.take(tmp_path) is None


def test_the_listing_holds_every_visible_file_with_its_stat_in_a_stable_order(tmp_path):
    """Stats are taken by name in each open folder: they must equal a stat by path, hidden files and folders
    are skipped, and the digest moves when a file is edited, added or removed."""
    import os

    for rel in ("b/z.txt", "b/a.jsonl", "a.txt", "b/c/d.txt", ".hidden/x.txt", "b/.y.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    listing = list_corpus(tmp_path)
    assert [rel for _, rel, _ in listing.entries] == ["a.txt", "b/a.jsonl", "b/z.txt", "b/c/d.txt"]
    for path, rel, st in listing.entries:
        assert path == str(tmp_path / rel)
        assert (st.st_size, st.st_mtime_ns, st.st_ino) == (os.stat(path).st_size, os.stat(path).st_mtime_ns,
                                                           os.stat(path).st_ino)
    assert list_corpus(tmp_path).digest == listing.digest
    (tmp_path / "b/z.txt").write_text("longer than before", encoding="utf-8")
    edited = list_corpus(tmp_path).digest
    assert edited != listing.digest
    (tmp_path / "b/c/d.txt").unlink()
    assert list_corpus(tmp_path).digest not in (edited, listing.digest)
    assert list_corpus(tmp_path / "missing").digest == ""
