"""The immutable raw zone: every input file's bytes, stored once under its sha256."""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

_TMP_NAMES = itertools.count()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_path(lake: Path, sha256: str) -> Path:
    return lake / "raw" / sha256[:2] / sha256


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:         # someone else's live process
        return True
    return True


def remove_orphaned_incoming(lake: Path) -> int:
    """Delete the private ``.incoming-<pid>-<n>`` files of runs that died before renaming them (a kill, a
    full disk); returns how many. A file whose process still lives belongs to a run writing now (several
    warehouses may share one lake) and stays."""
    removed = 0
    raw = os.path.join(lake, "raw")
    if not os.path.isdir(raw):
        return 0
    with os.scandir(raw) as folders:
        for folder in folders:
            if not folder.is_dir():
                continue
            with os.scandir(folder.path) as entries:
                for entry in entries:
                    if not entry.name.startswith(".incoming-"):
                        continue
                    pid = entry.name.split("-")[1]
                    if not (pid.isdigit() and _alive(int(pid))):
                        os.unlink(entry.path)
                        removed += 1
    return removed


def store_raw(lake: Path, data: bytes, sha256: str) -> Path:
    """Write ``data`` under its hash unless already there; never modify an existing object.

    The bytes go to a private name created read-only (O_EXCL: never someone else's file) and are then
    renamed into place, so a reader never sees a half-written object. (Plain string paths: this runs
    once per input file, and ``Path`` arithmetic cost more than the write.)
    """
    folder = os.path.join(lake, "raw", sha256[:2])
    target = os.path.join(folder, sha256)
    if os.path.exists(target):
        return Path(target)
    tmp = os.path.join(folder, f".incoming-{os.getpid()}-{next(_TMP_NAMES)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(tmp, flags, 0o444)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(tmp, flags, 0o444)
    except FileExistsError:
        # Left by a killed run whose process id this one reuses: it was never renamed, so nobody reads it.
        os.unlink(tmp)
        fd = os.open(tmp, flags, 0o444)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return Path(target)
