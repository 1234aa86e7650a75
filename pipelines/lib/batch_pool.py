"""Run a pure function over batches, results in input order, while the caller writes earlier results.

Extraction spends its time in Python regexes that one process runs on one core: its batches go to worker
processes (``ordered_map``) while the parent, the only process that talks to DuckDB, writes the results
of earlier batches. Workers are started with ``spawn``: forking a process that holds DuckDB and Polars
thread pools can deadlock the child. Cleaning, whose parent spends much of its time inside DuckDB, uses
threads instead (``prefetch_map``), which cost no second process's memory.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import time
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


def _nothing() -> None:
    return None


def release_memory() -> None:
    """Hand this process's freed heap back to the system: a worker keeps the high-water mark of its last task
    otherwise (after ingest read 100,000 files, 105 MB each, held through the stages after it). glibc only."""
    gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)     # the C library this process runs on
    if trim is not None:
        trim(0)


def _release_memory_then_wait(wait_s: float) -> None:
    release_memory()
    time.sleep(wait_s)     # busy meanwhile, so that the pool's other workers take the other calls


class WorkerPool:
    """Worker processes that several stages of a run share, started once: ahead of the first stage that needs
    them if asked (:meth:`start`: they import the code and run ``initializer``, loading reference data,
    while earlier stages work), else when first used; closed by the last stage that needs them, so that the
    stages after it run without their memory. ``initializer`` must be picklable (a module-level function or
    a ``functools.partial`` of one)."""

    def __init__(self, workers: int, initializer: Callable[[], object] | None = None) -> None:
        self.workers = workers
        self._initializer = initializer
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self) -> ProcessPoolExecutor:
        """The pool's executor, its processes started now if they were not (returns without waiting for them)."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.workers, initializer=self._initializer,
                                                 mp_context=multiprocessing.get_context("spawn"))
            # The executor spawns a process per task submitted while none is idle: one no-op each starts them all.
            for _ in range(self.workers):
                self._executor.submit(_nothing)
        return self._executor

    def release_memory(self, wait_s: float = 0.2) -> None:
        """Each worker hands its freed heap back (:func:`release_memory`), for a stage that leaves large
        leftovers in them; one call per worker, each held ``wait_s`` so that every idle worker takes one."""
        if self._executor is not None:
            calls = [self._executor.submit(_release_memory_then_wait, wait_s) for _ in range(self.workers)]
            for call in calls:
                call.result()

    def close(self, wait: bool = True) -> None:
        """Stop the processes once they finish what they were given (work not started is dropped). ``wait=False``
        returns at once and lets them exit meanwhile: a spawned process that ends tears its interpreter down,
        freeing every object its stages made (0.45 s for the loaded reference data, in a run adding one file to
        100,000 articles)."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int | WorkerPool, ahead: int = 1) -> Iterator[R]:
    """``fn(item)`` for each item, in order; ``workers`` processes (0: inline, in this process), or a
    :class:`WorkerPool`'s, which stays open for the next stage.

    At most ``workers + ahead`` items are in flight, so memory holds a few batches, never all of them;
    ``items`` is consumed lazily (the caller may read each batch from the database when asked for it).
    ``fn`` must be a module-level function and items and results picklable.
    """
    if isinstance(workers, WorkerPool):
        yield from _submit_in_order(workers.start(), fn, items, workers.workers + ahead)
        return
    if workers <= 0:
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from _submit_in_order(pool, fn, items, workers + ahead)


def _submit_in_order(pool: ProcessPoolExecutor, fn: Callable[[T], R], items: Iterable[T],
                     in_flight: int) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) > in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def prefetch_map(fn: Callable[[T], R], items: Iterable[T], threads: int = 1) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computing the next ``threads`` results in background threads while
    the caller handles the current one.

    For a stage whose caller spends its time in DuckDB (inserts, commits), which releases the GIL: the
    next batch is processed on the other core meanwhile, with no second process and one batch of memory
    more per thread. With ``threads=2``, for work that itself releases the GIL (NumPy and Polars over whole
    arrays): two batches are computed at once. ``items`` is consumed in the caller's thread (it may read
    from DuckDB).
    """
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
