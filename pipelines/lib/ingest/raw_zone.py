"""The immutable raw zone: every input file's bytes, stored once under its sha256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_path(lake: Path, sha256: str) -> Path:
    return lake / "raw" / sha256[:2] / sha256


def store_raw(lake: Path, data: bytes, sha256: str) -> Path:
    """Write ``data`` under its hash unless already there; never modify an existing object."""
    target = raw_path(lake, sha256)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o444)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
