"""Mapping over batches: results in input order, inputs consumed lazily, errors surface."""

import threading

import pytest

from pipelines.lib.batch_pool import ordered_map, prefetch_map


def _square(x: int) -> int:
    return x * x


def test_prefetch_map_keeps_order_and_runs_off_the_callers_thread():
    caller = threading.get_ident()
    threads = set()

    def work(x: int) -> int:
        threads.add(threading.get_ident())
        return x * 10

    assert list(prefetch_map(work, range(7))) == [0, 10, 20, 30, 40, 50, 60]
    assert threads and caller not in threads
    assert list(prefetch_map(work, [])) == []


def test_prefetch_map_reads_at_most_one_item_ahead():
    read = []

    def items():
        for i in range(5):
            read.append(i)
            yield i

    results = prefetch_map(_square, items())
    assert next(results) == 0 and read == [0, 1]         # the first result, and the second item started
    assert next(results) == 1 and read == [0, 1, 2]
    assert list(results) == [4, 9, 16]


def test_prefetch_map_raises_the_workers_error():
    def boom(x: int) -> int:
        if x == 2:
            raise ValueError("bad batch 2")
        return x

    with pytest.raises(ValueError, match="bad batch 2"):
        list(prefetch_map(boom, range(4)))


def test_ordered_map_inline_keeps_order():
    assert list(ordered_map(_square, range(4), workers=0)) == [0, 1, 4, 9]
