"""A fingerprint of the reference data: when an analyst edits a dictionary, every document is re-extracted."""

from __future__ import annotations

import hashlib
from pathlib import Path


def reference_version(reference_dir: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in reference_dir.rglob("*") if p.is_file()):
        h.update(path.relative_to(reference_dir).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
