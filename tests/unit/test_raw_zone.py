"""The raw zone in packs: one append-only pack per batch, content-addressed, old one-file zones still read."""

import os
import subprocess
import sys

import pytest

from pipelines.lib.ingest.raw_zone import RawZone, raw_path, remove_orphaned_incoming, sha256_bytes


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_a_batch_writes_one_pack_and_stores_each_object_once(tmp_path):
    zone = RawZone(tmp_path)
    objects = [b"first article", b"second article", b"first article", "نص عربي".encode()]
    with zone.batch() as pack:
        for data in objects:
            pack.put(data, sha256_bytes(data))
    packs = sorted(p.name for p in (tmp_path / "raw" / "packs").iterdir())
    assert len(packs) == 2 and packs[0].endswith(".idx") and packs[1].endswith(".pack")
    assert (tmp_path / "raw" / "packs" / packs[1]).stat().st_size == len(b"first article" b"second article") + len(
        "نص عربي".encode())
    again = RawZone(tmp_path)                      # a later run reads the index
    for data in objects:
        assert again.read(sha256_bytes(data)) == data
    with again.batch() as pack:                    # nothing new: no pack at all
        pack.put(objects[0], sha256_bytes(objects[0]))
    assert len(list((tmp_path / "raw" / "packs").iterdir())) == 2
    with pytest.raises(KeyError):
        again.read("0" * 64)


def test_a_zone_written_one_file_per_object_stays_readable_and_is_not_stored_again(tmp_path):
    data = b"stored before packs"
    sha = sha256_bytes(data)
    raw_path(tmp_path, sha).parent.mkdir(parents=True)
    raw_path(tmp_path, sha).write_bytes(data)
    zone = RawZone(tmp_path)
    assert sha in zone and zone.read(sha) == data
    with zone.batch() as pack:
        pack.put(data, sha)
    assert not (tmp_path / "raw" / "packs").exists()


def test_a_failed_batch_leaves_nothing_and_a_killed_one_is_cleaned_by_the_next_run(tmp_path):
    zone = RawZone(tmp_path)
    with pytest.raises(RuntimeError), zone.batch() as pack:
        pack.put(b"half a batch", sha256_bytes(b"half a batch"))
        raise RuntimeError("the batch failed")
    assert list((tmp_path / "raw" / "packs").iterdir()) == []
    assert sha256_bytes(b"half a batch") not in RawZone(tmp_path)

    packs = tmp_path / "raw" / "packs"
    dead = _dead_pid()
    killed = [packs / f".incoming-{dead}-1-0.pack", packs / f".incoming-{dead}-1-0.idx",
              packs / f"{dead}-2-0.pack"]                           # renamed, but its index never followed
    writing = [packs / f".incoming-{os.getpid()}-3-0.pack", packs / f"{os.getpid()}-4-0.pack"]
    for path in killed + writing:
        path.write_bytes(b"x")
    (packs / f".incoming-{os.getpid()}-3-0.idx").write_text(f"{sha256_bytes(b'kept')} 0 1\n")
    writing.append(packs / f".incoming-{os.getpid()}-3-0.idx")
    with zone.batch() as pack:                 # a private index is nobody's yet: "kept" is stored here
        pack.put(b"kept", sha256_bytes(b"kept"))
    assert remove_orphaned_incoming(tmp_path) == 3
    assert not any(p.exists() for p in killed) and all(p.exists() for p in writing)
    assert RawZone(tmp_path).read(sha256_bytes(b"kept")) == b"kept"


def test_verify_names_the_objects_whose_bytes_changed(tmp_path):
    zone = RawZone(tmp_path)
    with zone.batch() as pack:
        for data in (b"intact", b"damaged"):
            pack.put(data, sha256_bytes(data))
    pack_file = next((tmp_path / "raw" / "packs").glob("*.pack"))
    pack_file.chmod(0o644)
    content = pack_file.read_bytes()
    pack_file.write_bytes(content.replace(b"damaged", b"DAMAGED"))
    assert RawZone(tmp_path).verify() == [sha256_bytes(b"damaged")]


class _FullDisk:
    """A pack file whose next write fails half-way, as on a full disk; ``stuck``: seeking back fails too."""

    def __init__(self, fh, stuck: bool = False) -> None:
        self.fh, self.stuck, self.failed = fh, stuck, False

    def write(self, data: bytes) -> int:
        if not self.failed:
            self.failed = True
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        return self.fh.write(data)

    def seek(self, offset: int) -> int:
        if self.stuck:
            raise OSError(5, "Input/output error")
        return self.fh.seek(offset)

    def __getattr__(self, name):
        return getattr(self.fh, name)


@pytest.mark.parametrize("failing", [[b"the failed one"], [b"first of two", b"second"]])
def test_objects_whose_write_fails_are_cut_off_and_the_rest_of_the_batch_is_kept(tmp_path, failing):
    zone = RawZone(tmp_path)
    with zone.batch() as pack:
        pack.put(b"before", sha256_bytes(b"before"))
        pack._fh = _FullDisk(pack._fh)
        with pytest.raises(OSError, match="No space"):
            pack.put_all((data, sha256_bytes(data)) for data in failing)     # put is put_all of one object
        pack.put(b"after", sha256_bytes(b"after"))
    again = RawZone(tmp_path)
    assert again.read(sha256_bytes(b"before")) == b"before" and again.read(sha256_bytes(b"after")) == b"after"
    assert all(sha256_bytes(data) not in again for data in failing)
    assert again.verify() == []


def test_a_pack_that_cannot_be_repaired_is_never_put_in_place(tmp_path):
    zone = RawZone(tmp_path)
    with pytest.raises(OSError, match="cannot be written|could not be written"):  # noqa: PT012
        with zone.batch() as pack:
            pack.put(b"before", sha256_bytes(b"before"))
            pack._fh = _FullDisk(pack._fh, stuck=True)
            with pytest.raises(OSError, match="No space"):
                pack.put(b"the failed one", sha256_bytes(b"the failed one"))
            with pytest.raises(OSError, match="cannot be written"):
                pack.put(b"after", sha256_bytes(b"after"))
    assert list((tmp_path / "raw" / "packs").iterdir()) == []
    assert sha256_bytes(b"before") not in RawZone(tmp_path)


def test_objects_put_together_are_written_once_each_and_read_back(tmp_path):
    zone = RawZone(tmp_path)
    with zone.batch() as pack:
        pack.put(b"held before", sha256_bytes(b"held before"))
    objects = [b"one", b"two", b"one", b"held before", "ثلاثة".encode()]
    with zone.batch() as pack:
        pack.put_all((data, sha256_bytes(data)) for data in objects)
        pack.put(b"two", sha256_bytes(b"two"))     # already in this batch
    packs = sorted((tmp_path / "raw" / "packs").glob("*.pack"), key=lambda p: p.stat().st_size)
    assert [p.stat().st_size for p in packs] == [len(b"held before"), len(b"one" b"two") + len("ثلاثة".encode())]
    again = RawZone(tmp_path)
    assert all(again.read(sha256_bytes(data)) == data for data in objects)
    assert again.verify() == []


def test_objects_are_written_in_blocks_of_bounded_size():
    from pipelines.lib.ingest.raw_zone import _blocks

    chunks = [b"a" * 3, b"b" * 4, b"c" * 9, b"d" * 2, b"e" * 2]
    blocks = list(_blocks(chunks, 8))
    assert blocks == [b"aaabbbb", b"c" * 9, b"ddee"]
    assert b"".join(blocks) == b"".join(chunks)
    assert list(_blocks([], 8)) == []
