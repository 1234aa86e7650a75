"""Zero-width and direction characters vanish from the matching text, never from the offsets' target."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pipelines.lib.arabic.normalize import INVISIBLE_CHARS, normalize, normalize_with_map
from pipelines.lib.arabic.textmap import normalize_mapped
from pipelines.lib.dedup.lsh import cluster_frame


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u00ad", "\u061c",
                                  "\u202b", "\u2067", "\ufeff", "\ufe0f", "\u034f"])
def test_an_invisible_mark_inside_a_word_is_dropped_for_matching(mark):
    assert mark in INVISIBLE_CHARS
    surface = f"مسلحون قت{mark}لوا خمسة"
    norm, origin = normalize_with_map(surface)
    assert norm == "مسلحون قتلوا خمسه"
    start = norm.index("قتلوا")
    d_start, d_end = origin[start], origin[start + len("قتلوا") - 1] + 1
    assert surface[d_start:d_end] == f"قت{mark}لوا"       # the span covers the mark: surface text as written


def test_the_batch_normaliser_agrees():
    texts = ["قت\u2060لوا", "ق\u200dتلوا", "\u200fقتلوا\u200f"]
    assert [normalize_mapped(t).norm for t in texts] == [normalize(t) for t in texts] == ["قتلوا"] * 3


def test_the_canonical_copy_is_the_cleanest_then_the_longest_then_the_earliest():
    sig = np.zeros((4, 128), dtype=np.uint32)      # all four the same text
    hashes = ["h"] * 4
    seen = pl.Series([f"2026-01-0{d} 00:00" for d in (3, 2, 1, 4)]).str.to_datetime()
    frame = cluster_frame(["a", "b", "c", "d"], np.array([105, 100, 100, 100]), hashes, sig, 0.8,
                          invisible=np.array([5, 0, 0, 0]), first_seen=seen)
    assert dict(zip(frame["doc_id"], frame["duplicate_of"], strict=True)) == {"a": "c", "b": "c", "c": None, "d": "c"}
    # without the extra facts the old rule stands: the longest, then doc_id
    plain = cluster_frame(["a", "b", "c"], np.array([100, 120, 120]), ["h"] * 3, sig[:3], 0.8)
    assert plain["duplicate_of"].to_list() == ["b", None, "b"]
