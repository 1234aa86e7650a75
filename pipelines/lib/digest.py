"""Digests of files and code folders, for versions that decide when stored rows must be recomputed."""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from pathlib import Path


def update_with_tree(h: hashlib._Hash, root: Path, pattern: str, leave_out: frozenset[str] = frozenset()) -> None:
    """Feed every file under ``root`` matching ``pattern`` (path and bytes, in a stable order) into ``h``;
    ``leave_out``: paths relative to ``root`` (POSIX) not fed."""
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts
                       and p.relative_to(root).as_posix() not in leave_out):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())


# The project's package (``pipelines/``): the code versions are taken of.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def files_and_code_version(files: Iterable[Path], code_files: Iterable[tuple[str, Path]] = ()) -> str:
    """A short digest of some data files and some Python files (each with the name it is hashed under, so that
    moving code changes the digest)."""
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for name, path in code_files:
        h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def code_of(start: Iterable[Path], leave_out: Iterable[Path] = ()) -> tuple[tuple[str, Path], ...]:
    """The project code ``start`` runs (``import_closure`` in ``PACKAGE_DIR``), each file with its path in the
    package, for ``files_and_code_version``. This module and ``leave_out`` are left out: how a version is taken
    changes none of the rows it versions."""
    files = import_closure(PACKAGE_DIR, start, leave_out=[Path(__file__), *leave_out])
    return tuple((path.relative_to(PACKAGE_DIR).as_posix(), path) for path in files)


def import_closure(package_dir: Path, start: Iterable[Path], leave_out: Iterable[Path] = ()) -> list[Path]:
    """The files of ``start`` and of every module of the package in ``package_dir`` that they import, directly or
    through one another (the packages' ``__init__`` files too, as Python runs them): the code whose change can
    change what ``start`` computes. Imports are read from the source (``import x.y``, ``from x.y import z``).
    ``leave_out``: files neither listed nor followed (the code that computes a version, say)."""
    package_dir = package_dir.resolve()
    package = package_dir.name
    skipped = {path.resolve() for path in leave_out}
    seen: set[Path] = set()
    todo = [path.resolve() for path in start if path.resolve() not in skipped]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                # "from a.b import c": c is a module of its own or a name defined in a.b; "from .b import c" is
                # read from the importing module's package.
                here = path.parent.relative_to(package_dir.parent).parts
                module = ".".join([*here[:len(here) - node.level + 1], *([node.module] if node.module else [])]) \
                    if node.level else node.module or ""
                names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] != package:
                    continue
                for depth in range(1, len(parts) + 1):   # each enclosing package, then the module
                    where = package_dir.joinpath(*parts[1:depth])
                    for candidate in (where / "__init__.py", where.with_suffix(".py")):
                        found = candidate.resolve()
                        if found not in seen and found not in skipped and found.is_file():
                            todo.append(found)
    return sorted(seen)
