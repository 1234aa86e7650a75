"""Which DuckDB extension files have had their signature checked, so a process loads them unchecked.

DuckDB checks an extension's signature each time a database loads it: about 0.1 s for the ducklake and
sqlite_scanner files together, paid by every process that opens the lake (a `make run` on the seeds takes
about 4 s). A file DuckDB has checked once is recorded by path, size, modification time and inode, in this
process and in a record file under the project's cache folder (``RASD_CACHE``); while the file on disk is
still the same one, later loads skip the check (``allow_unsigned_extensions`` on that connection, which
only ever loads these files by path). A replaced or touched file is checked again. The record only
vouches for files that sit in the project's own virtual environment, written by pip, so it trusts nothing
the environment does not trust already.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

_checked_here: dict[str, list[int]] = {}


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _read(record: Path | None) -> dict[str, list[int]]:
    if record is None:
        return {}
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def checked_before(paths: list[Path], record: Path | None) -> bool:
    """Whether every file of ``paths`` was checked (in this process or as ``record`` says) and is unchanged."""
    known = _checked_here if all(str(p) in _checked_here for p in paths) else {**_read(record), **_checked_here}
    for path in paths:
        ident = _identity(path)
        if ident is None or known.get(str(path)) != ident:
            return False
    return True


def remember_checked(paths: list[Path], record: Path | None) -> None:
    """Record ``paths`` as checked (after DuckDB loaded them with the signature check on)."""
    fresh = {str(p): ident for p in paths if (ident := _identity(p)) is not None}
    _checked_here.update(fresh)
    if record is None:
        return
    known = _read(record)
    if all(known.get(k) == v for k, v in fresh.items()):
        return
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({**known, **fresh}, indent=1), encoding="utf-8")
        os.replace(tmp, record)
    except OSError:
        pass        # a read-only cache only costs the next process the check
