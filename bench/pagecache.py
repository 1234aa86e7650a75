"""Files dropped from the kernel's page cache, so that a benchmark's cold run reads its corpus from the disk.

A corpus the benchmark has just generated is in the page cache; one generated earlier may be in part or not at
all, and its first run then waits for the disk: at 100,000 articles ingest took 10.7 s on one day and 17.8-20.9 s
on the next with the same code (bench/README, eighteenth round), and 29.7 s against 18.3 s with every file evicted
first and not (2026-12-07, before ingest advised its reads: ``pipelines.lib.ingest.scan.advise_reads``). The
benchmark evicts the corpus before its cold run, so that every cold run starts from the same state.

``POSIX_FADV_DONTNEED`` needs no privileges (dropping every cache, ``/proc/sys/vm/drop_caches``, needs root) and
drops only clean pages: files are written out (``os.sync``) first.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.lib.ingest.scan import advise_file


def evict(folder: Path) -> int:
    """Drop every regular file under ``folder`` from the page cache; returns how many files were advised (none on
    a system without ``posix_fadvise``)."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    os.sync()
    return sum(advise_file(os.path.join(root, name), os.POSIX_FADV_DONTNEED)
               for root, _, files in os.walk(folder) for name in files)
