"""The immutable raw zone: every input file's bytes, stored once under its sha256.

Bytes go into append-only *packs*, one per ingest batch (``<lake>/raw/packs/<name>.pack``): the objects
one after the other, each stored once (content-addressed: an object the zone already holds is not
written again). Each pack has an index beside it (``<name>.idx``, one ``<sha256> <offset> <length>``
line per object); a pack's objects exist for readers only once its index is in place. A batch writes
both under private ``.incoming-<pid>-…`` names and renames the pack, then the index, into place, so a
reader never sees a half-written pack and a run killed on the way leaves only private files, removed by
the next run (:func:`remove_orphaned_incoming`). One pack per batch replaces a file created and renamed
per input file.

Zones written before packs (``<lake>/raw/<sha[:2]>/<sha256>``, one file per object) stay readable: a
zone reads both, and a new batch never stores again an object an old file holds.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

_TMP_NAMES = itertools.count()
PACKS = "packs"
INCOMING = ".incoming-"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_path(lake: Path, sha256: str) -> Path:
    """Where the one-file-per-object layout (before packs) kept an object."""
    return lake / "raw" / sha256[:2] / sha256


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:         # someone else's live process
        return True
    return True


def _writer_pid(name: str) -> int | None:
    """The process id in a private name ``.incoming-<pid>-…``, or in a pack name ``<pid>-…``."""
    part = name[len(INCOMING):] if name.startswith(INCOMING) else name
    pid = part.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def remove_orphaned_incoming(lake: Path) -> int:
    """Delete what runs that died left unfinished (a kill, a full disk): private ``.incoming-<pid>-…`` files,
    and packs renamed into place whose index never followed; returns how many. Files of a process that still
    lives belong to a run writing now (several warehouses may share one lake) and stay."""
    removed = 0
    raw = os.path.join(lake, "raw")
    if not os.path.isdir(raw):
        return 0
    with os.scandir(raw) as folders:
        for folder in folders:
            if not folder.is_dir():
                continue
            with os.scandir(folder.path) as entries:
                names = [(entry.name, entry.path) for entry in entries]
            indexed = {n[:-len(".idx")] for n, _ in names if n.endswith(".idx")}
            for name, path in names:
                unfinished = name.startswith(INCOMING) or (
                    folder.name == PACKS and name.endswith(".pack") and name[:-len(".pack")] not in indexed)
                if not unfinished:
                    continue
                pid = _writer_pid(name)
                if pid is None or not _alive(pid):
                    os.unlink(path)
                    removed += 1
    return removed


# Objects written by one call are joined into blocks of about this size: one write per block instead of one per
# object, without a copy of a whole part's bytes (a part of large dumps may hold gigabytes).
WRITE_BLOCK_BYTES = 8 * 1024 * 1024


def _blocks(chunks: list[bytes], size: int) -> Iterator[bytes]:
    """``chunks`` in order, consecutive small ones joined up to about ``size`` bytes, larger ones as they are."""
    group: list[bytes] = []
    held = 0
    for chunk in chunks:
        if group and held + len(chunk) > size:
            yield group[0] if len(group) == 1 else b"".join(group)
            group, held = [], 0
        group.append(chunk)
        held += len(chunk)
    if group:
        yield group[0] if len(group) == 1 else b"".join(group)


class RawZone:
    """The raw zone of one lake: which objects it holds, their bytes, and a pack writer per batch."""

    def __init__(self, lake: Path) -> None:
        self.lake = Path(lake)
        self.packs = self.lake / "raw" / PACKS
        self._where: dict[str, tuple[str, int, int]] = {}      # sha256 → (pack name, offset, length)
        self._legacy: set[str] | None = None
        if self.packs.is_dir():
            for idx in sorted(self.packs.glob("*.idx")):
                if idx.name.startswith("."):
                    continue            # a batch being written (or a dead run's): not in place yet
                pack = idx.name[:-len(".idx")]
                for line in idx.read_text(encoding="ascii").splitlines():
                    sha, offset, length = line.split(" ")
                    self._where.setdefault(sha, (pack, int(offset), int(length)))

    def _legacy_objects(self) -> set[str]:
        """Objects of the one-file-per-object layout: one listing of each of its folders, once."""
        if self._legacy is None:
            self._legacy = set()
            raw = self.lake / "raw"
            if raw.is_dir():
                for folder in raw.iterdir():
                    if folder.is_dir() and folder.name != PACKS and len(folder.name) == 2:
                        self._legacy.update(p.name for p in folder.iterdir() if not p.name.startswith("."))
        return self._legacy

    def __contains__(self, sha256: str) -> bool:
        return sha256 in self._where or sha256 in self._legacy_objects()

    def read(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256`` (KeyError when the zone does not hold it)."""
        found = self._where.get(sha256)
        if found is not None:
            pack, offset, length = found
            with open(self.packs / f"{pack}.pack", "rb") as fh:
                fh.seek(offset)
                return fh.read(length)
        if sha256 in self._legacy_objects():
            return raw_path(self.lake, sha256).read_bytes()
        raise KeyError(sha256)

    def verify(self) -> list[str]:
        """Every object whose bytes no longer hash to its name (a damaged disk, a hand edit): their sha256s."""
        return sorted(sha for sha in self._where.keys() | self._legacy_objects() if sha256_bytes(self.read(sha)) != sha)

    def batch(self) -> PackWriter:
        """A writer for one batch's objects; closing it puts the pack in place (``with zone.batch() as pack:``)."""
        return PackWriter(self)


class PackWriter:
    """Appends one batch's new objects to a private pack; :meth:`close` renames it and its index into place.

    Leaving the ``with`` block on an exception deletes the private files: the batch's rows are not written
    either, and the next run reads those files again. An object that fails to be written (a full disk) is
    cut off the pack again and the error goes to the caller (ingest quarantines that file to read it again);
    if even that fails, the pack is unusable and closing it raises, so no row of the batch is committed."""

    def __init__(self, zone: RawZone) -> None:
        self.zone = zone
        self.name = f"{os.getpid()}-{time.time_ns()}-{next(_TMP_NAMES)}"
        self._entries: dict[str, tuple[int, int]] = {}
        self._size = 0
        self._fh = None
        self._broken: OSError | None = None

    def __enter__(self) -> PackWriter:
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.close()
        else:
            self._discard()

    def _private(self, suffix: str) -> Path:
        return self.zone.packs / f"{INCOMING}{self.name}{suffix}"

    def put(self, data: bytes, sha256: str) -> None:
        """Store ``data`` under ``sha256`` unless the zone or this batch already holds it."""
        self.put_all([(data, sha256)])

    def put_all(self, objects: Iterable[tuple[bytes, str]]) -> None:
        """:meth:`put` for each (bytes, sha256) of ``objects``, written together: one write per batch of files
        instead of a write and a flush per file (1.3 s of the ingest process at 100,000 files). When the write
        fails, none of them is kept and the error goes to the caller, which may put them one at a time to learn
        which cannot be stored."""
        if self._broken is not None:
            raise OSError(f"the batch's pack cannot be written: {self._broken}")
        new: dict[str, bytes] = {}
        for data, sha256 in objects:
            if sha256 not in new and sha256 not in self._entries and sha256 not in self.zone:
                new[sha256] = data
        if not new:
            return
        self._append(list(new.values()))
        for sha256, data in new.items():
            self._entries[sha256] = (self._size, len(data))
            self._size += len(data)

    def _append(self, chunks: list[bytes]) -> None:
        """Write ``chunks`` at the end of the pack; a write that fails is cut off again before the error is
        raised (when even that fails, the pack is marked broken)."""
        if self._fh is None:
            self.zone.packs.mkdir(parents=True, exist_ok=True)
            # O_EXCL: never someone else's file; read-only once closed, as the objects were.
            fd = os.open(self._private(".pack"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
            self._fh = os.fdopen(fd, "wb")
        try:
            for block in _blocks(chunks, WRITE_BLOCK_BYTES):
                self._fh.write(block)
            self._fh.flush()
        except OSError as exc:
            try:
                self._fh.seek(self._size)
                self._fh.truncate()
            except OSError:
                self._broken = exc
            raise

    def close(self) -> None:
        """Put the pack, then its index, in place; from then on the zone serves its objects."""
        if self._broken is not None:
            self._discard()
            raise OSError(f"the batch's pack could not be written: {self._broken}")
        if self._fh is None:
            return
        try:
            self._publish()
        except BaseException:
            self._discard()
            raise
        for sha, (offset, length) in self._entries.items():
            self.zone._where.setdefault(sha, (self.name, offset, length))

    def _publish(self) -> None:
        fh, self._fh = self._fh, None
        fh.close()
        index = "".join(f"{sha} {offset} {length}\n" for sha, (offset, length) in self._entries.items())
        fd = os.open(self._private(".idx"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(index)
        os.replace(self._private(".pack"), self.zone.packs / f"{self.name}.pack")
        os.replace(self._private(".idx"), self.zone.packs / f"{self.name}.idx")

    def _discard(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            try:
                fh.close()
            except OSError:
                pass            # the file goes anyway; the error that brought us here is the one to report
        for suffix in (".pack", ".idx"):
            self._private(suffix).unlink(missing_ok=True)

