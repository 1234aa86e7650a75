"""A fingerprint of what extraction depends on: the reference data and the extraction code.

When an analyst edits a dictionary, or a release changes a rule, every document is re-extracted on the
next run; otherwise unchanged documents keep their rows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipelines.lib.digest import update_with_tree

_LIB = Path(__file__).resolve().parents[1]
# The code whose output lands in the extraction tables.
CODE_DIRS = (_LIB / "arabic", _LIB / "extract", _LIB / "reference")


def reference_version(reference_dir: Path) -> str:
    h = hashlib.sha256()
    update_with_tree(h, reference_dir, "*")
    for code_dir in CODE_DIRS:
        update_with_tree(h, code_dir, "*.py")
    return h.hexdigest()[:16]
