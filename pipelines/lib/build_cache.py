"""Objects that cost time to build (the mentions automata: about 0.3 s) kept on disk between processes.

A cached object is a pickle named by the version of what it was built from; a file of another version is
deleted when a new one is written, so the folder holds one object per name. The cache only ever holds what
this project wrote into its own data folder; a file that cannot be read back (a Python or library upgrade,
a half-written file) is rebuilt, never an error.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cached_build(folder: Path | None, name: str, version: str, build: Callable[[], T]) -> T:
    """``build()``, or the object a previous call with the same ``name`` and ``version`` stored under
    ``folder`` (None: no cache, always build)."""
    if folder is None:
        return build()
    path = folder / f"{name}-{version}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:       # noqa: BLE001 - any unreadable cache file is rebuilt
        path.unlink(missing_ok=True)
    built = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass                # a read-only or full disk only costs the next process the build
    return built
