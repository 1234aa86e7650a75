"""The corpus listing `make run` hands to ingest: read once for the up-to-date check, taken once by ingest."""

from pathlib import Path

from pipelines.lib.ingest.scan import ListedCorpus, list_corpus


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
