"""Run a pure function over batches, results in input order, while the caller writes earlier results.

Extraction spends its time in Python regexes that one process runs on one core: its batches go to worker
processes (``ordered_map``) while the parent, the only process that talks to DuckDB, writes the results
of earlier batches. Workers are started with ``spawn``: forking a process that holds DuckDB and Polars
thread pools can deadlock the child. Cleaning, whose parent spends much of its time inside DuckDB, uses a
thread instead (``prefetch_map``), which costs no second process's memory.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

from pipelines.settings import setting

T = TypeVar("T")
R = TypeVar("R")


def pool_size(n_batches: int) -> int:
    """Worker processes worth starting for ``n_batches`` batches: ``RASD_WORKERS`` (by default the cores
    this process may use), and none (run inline) for a single batch or ``RASD_WORKERS=1``. Not capped at
    the number of batches: the caller may cut each batch into several parts."""
    workers = int(setting("RASD_WORKERS"))
    return workers if workers > 1 and n_batches > 1 else 0


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int, ahead: int = 1) -> Iterator[R]:
    """``fn(item)`` for each item, in order; ``workers`` processes (0: inline, in this process).

    At most ``workers + ahead`` items are in flight, so memory holds a few batches, never all of them;
    ``items`` is consumed lazily (the caller may read each batch from the database when asked for it).
    ``fn`` must be a module-level function and items and results picklable.
    """
    if workers <= 0:
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > workers + ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def prefetch_map(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computing the next result in a background thread while the
    caller handles the current one.

    For a stage whose caller spends its time in DuckDB (inserts, commits), which releases the GIL: the
    next batch is processed on the other core meanwhile, with no second process and one batch of memory
    more. ``items`` is consumed in the caller's thread (it may read from DuckDB).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: Future[R] | None = None
        for item in items:
            upcoming = pool.submit(fn, item)
            if pending is not None:
                yield pending.result()
            pending = upcoming
        if pending is not None:
            yield pending.result()
