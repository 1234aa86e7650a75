"""MinHash signatures over word shingles, computed for a whole batch at once.

Shingles are hashed by Polars (xxhash-based, vectorised); the permutations are
applied with NumPy over chunks of shingles, and each document's minimum is taken
with ``np.minimum.reduceat``. Written here rather than taken from ``datasketch``
because datasketch hashes every shingle in a Python loop (sha1 per token), which
dominates at the corpus sizes Rasd targets; ``make bench`` compares the two.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MERSENNE_PRIME = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
_CHUNK_SHINGLES = 200_000


def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) coefficients of ``num_perm`` universal hash functions, fixed by ``seed``."""
    rng = np.random.RandomState(seed)
    a = rng.randint(1, (1 << 32) - 1, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, (1 << 32) - 1, size=num_perm, dtype=np.uint64)
    return a, b


def shingle_hashes(texts: pl.Series, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of the k-word shingles of each text, and each text's start index into them.

    Texts shorter than k words contribute one shingle of all their words (so they still get a signature).
    """
    words = (
        pl.DataFrame({"doc": np.arange(len(texts), dtype=np.int64), "text": texts})
        .with_columns(pl.col("text").str.replace_all(r"[^\w\s]", " ").str.split(" "))
        .explode("text")
        .filter(pl.col("text") != "")
        .rename({"text": "word"})
    )
    shifted = [pl.col("word").shift(-i).over("doc").alias(f"w{i}") for i in range(1, k)]
    sh = words.with_columns(shifted)
    sh = sh.with_columns(pl.int_range(pl.len()).over("doc").alias("pos"), pl.len().over("doc").alias("n"))
    sh = sh.filter((pl.col("pos") <= pl.col("n") - k) | ((pl.col("n") < k) & (pl.col("pos") == 0)))
    sh = sh.select(
        "doc",
        pl.concat_str([pl.col("word")] + [pl.col(f"w{i}") for i in range(1, k)], separator=" ", ignore_nulls=True)
        .hash(seed=42)
        .alias("h"),
    )
    docs = sh["doc"].to_numpy()
    hashes = (sh["h"].to_numpy() & np.uint64(0xFFFFFFFF)).astype(np.uint64)
    starts = np.searchsorted(docs, np.arange(len(texts)), side="left")
    return hashes, starts


def signatures(texts: pl.Series, num_perm: int = 128, k: int = 3, seed: int = 1) -> np.ndarray:
    """A ``(len(texts), num_perm)`` uint32 array of MinHash signatures. Empty texts get all-max rows."""
    a, b = permutations(num_perm, seed)
    hashes, starts = shingle_hashes(texts, k)
    n = len(texts)
    sig = np.full((n, num_perm), MAX_HASH, dtype=np.uint64)
    if len(hashes) == 0:
        return sig.astype(np.uint32)
    doc_of = np.repeat(np.arange(n), np.diff(np.append(starts, len(hashes))))
    for lo in range(0, len(hashes), _CHUNK_SHINGLES):
        hi = min(lo + _CHUNK_SHINGLES, len(hashes))
        h = hashes[lo:hi, None]
        phv = ((h * a[None, :] + b[None, :]) % MERSENNE_PRIME) & MAX_HASH
        d = doc_of[lo:hi]
        seg_starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]])
        mins = np.minimum.reduceat(phv, seg_starts, axis=0)
        rows = d[seg_starts]
        sig[rows] = np.minimum(sig[rows], mins)
    return sig.astype(np.uint32)
