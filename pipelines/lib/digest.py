"""Digests of files and code folders, for versions that decide when stored rows must be recomputed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def update_with_tree(h: hashlib._Hash, root: Path, pattern: str) -> None:
    """Feed every file under ``root`` matching ``pattern`` (path and bytes, in a stable order) into ``h``."""
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())


def files_and_code_version(files: Iterable[Path], code_dirs: Iterable[Path]) -> str:
    """A short digest of some data files and the Python code of some folders."""
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for code_dir in code_dirs:
        update_with_tree(h, code_dir, "*.py")
    return h.hexdigest()[:16]
