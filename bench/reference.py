"""Rasd's dedup and ``datasketch``'s MinHashLSH on the same texts, threshold and shingles, timed alike.

Both start from the documents' normalised texts in memory and end with a canonical document per
text: Rasd with :func:`signatures` and :func:`cluster_frame`, borderline pairs verified exactly (what
its dedup stage runs, without the warehouse reads and writes); datasketch with one ``MinHash`` per
text over the same 3-word shingles, ``MinHashLSH`` at the same threshold, and candidates kept when
their estimated Jaccard reaches it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

from bench.quality import union_find_canonical
from pipelines.lib.dedup.lsh import cluster_frame
from pipelines.lib.dedup.minhash import exact_jaccard, signatures
from pipelines.stages.dedup import BATCH, NUM_PERM, SHINGLE_WORDS

_NON_WORD = re.compile(r"\W+")


def rasd_dedup(ids: Sequence[str], texts: Sequence[str], norm_hashes: Sequence[str], threshold: float) -> dict:
    """Rasd's signatures and clustering over ``texts``; seconds and canonical id per document."""
    start = time.perf_counter()
    series = pl.Series(texts, dtype=pl.String)
    sig = np.vstack([signatures(series.slice(i, BATCH), NUM_PERM, SHINGLE_WORDS)
                     for i in range(0, len(texts), BATCH)])
    lengths = np.array([len(t) for t in texts])
    frame = cluster_frame(list(ids), lengths, list(norm_hashes), sig, threshold,
                          exact=lambda pairs: exact_jaccard(series, pairs, SHINGLE_WORDS))
    seconds = time.perf_counter() - start
    canonical = dict(zip(frame["doc_id"], frame["duplicate_of"].fill_null(frame["doc_id"]), strict=True))
    return {"seconds": round(seconds, 3), "canonical": canonical}


def _shingles(text: str, k: int) -> list[bytes]:
    words = _NON_WORD.sub(" ", text).split()
    if len(words) < k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def datasketch_dedup(ids: Sequence[str], texts: Sequence[str], threshold: float) -> dict:
    """The reference: datasketch MinHash + MinHashLSH; seconds, LSH parameters and canonical id per document."""
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: list[MinHash] = []
    for i, text in enumerate(texts):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(_shingles(text, SHINGLE_WORDS))
        hashes.append(m)
        lsh.insert(i, m)
    edges = []
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j > i and m.jaccard(hashes[j]) >= threshold:
                edges.append((i, j))
    canonical = union_find_canonical(list(ids), edges)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "bands": lsh.b, "rows": lsh.r, "canonical": canonical}
