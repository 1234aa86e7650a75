"""One writer at a time per warehouse: an exclusive OS file lock on ``<warehouse>.lock``.

Every run builds the same ``<warehouse>.building`` file, so two runs at once would delete, overwrite or
publish each other's half-built copy. A run therefore holds ``flock(LOCK_EX)`` on a lock file beside the
warehouse from its start to its end (the CLI for the whole ``make run``, a Dagster run through its DuckDB
resource). The kernel drops the lock when the holder dies, so a killed run never leaves the warehouse
locked. Within one process the lock is re-entrant: ``make run`` takes it, then the Dagster run it starts
takes it again without waiting for itself.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

_POLL_S = 0.2


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse's writer lock; ``str(exc)`` says who and what to do."""


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


# path → (open lock file, number of holders in this process)
_held: dict[str, tuple[object, int]] = {}
_guard = threading.Lock()


def _holder_note(fh) -> str:
    fh.seek(0)
    note = fh.read().strip()
    return f" ({note})" if note else ""


def acquire(published: Path, wait_s: float, on_wait: Callable[[str], None] | None = None) -> bool:
    """Take the writer lock of ``published``, waiting up to ``wait_s`` seconds for another holder.

    Returns True when this call took the lock for the process (the first holder here), False when the
    process already held it. Raises :class:`WarehouseBusy` when the wait runs out. ``on_wait`` is told
    once, with a sentence naming the holder, when the lock is taken and this call has to wait.
    """
    key = os.fspath(lock_path(published))
    with _guard:
        if key in _held:
            fh, count = _held[key]
            _held[key] = (fh, count + 1)
            return False
        os.makedirs(os.path.dirname(key) or ".", exist_ok=True)
        fh = open(key, "a+", encoding="utf-8")  # kept open while the lock is held
        deadline = time.monotonic() + wait_s
        told = on_wait is None
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    told = True
                    on_wait(f"another Rasd run is writing {published}{_holder_note(fh)}; waiting up to "
                            f"{wait_s:g} s for it to finish")
                if time.monotonic() >= deadline:
                    holder = _holder_note(fh)
                    fh.close()
                    raise WarehouseBusy(
                        f"another Rasd run is writing {published}{holder}; waited {wait_s:g} s for it to finish. "
                        f"Run again when it is done, or wait longer with RASD_LOCK_WAIT_S=<seconds>."
                    ) from None
                time.sleep(_POLL_S)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, since {datetime.now().replace(microsecond=0).isoformat(sep=' ')}")
        fh.flush()
        _held[key] = (fh, 1)
        return True


def holds(published: Path) -> bool:
    """Whether this process holds the writer lock of ``published``."""
    with _guard:
        return os.fspath(lock_path(published)) in _held


def release(published: Path) -> None:
    """Give back one hold of the writer lock; the last holder in the process unlocks the file."""
    key = os.fspath(lock_path(published))
    with _guard:
        fh, count = _held[key]
        if count > 1:
            _held[key] = (fh, count - 1)
            return
        del _held[key]
        fh.seek(0)
        fh.truncate()
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


@contextmanager
def writer_lock(published: Path, wait_s: float, on_wait: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Hold the writer lock of ``published`` for the block; yields whether this was the first hold here."""
    first = acquire(published, wait_s, on_wait)
    try:
        yield first
    finally:
        release(published)
