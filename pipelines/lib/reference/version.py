"""A fingerprint of what extraction depends on: the reference data and the extraction code.

When an analyst edits a dictionary, or a release changes a rule, every document is re-extracted on the
next run; otherwise unchanged documents keep their rows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_LIB = Path(__file__).resolve().parents[1]
# The code whose output lands in the extraction tables.
CODE_DIRS = (_LIB / "arabic", _LIB / "extract", _LIB / "reference")


def _digest(h: hashlib._Hash, root: Path, pattern: str) -> None:
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())


def reference_version(reference_dir: Path) -> str:
    h = hashlib.sha256()
    _digest(h, reference_dir, "*")
    for code_dir in CODE_DIRS:
        _digest(h, code_dir, "*.py")
    return h.hexdigest()[:16]
