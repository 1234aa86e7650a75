"""MinHash signatures over word shingles by one-permutation hashing, computed for a whole batch at once.

Classic MinHash applies ``num_perm`` hash functions to every shingle, which at 100,000 articles is
billions of multiplications. One-permutation hashing (Li, Owen and Zhang, 2012) hashes each shingle
once: the hash's high bits choose one of ``num_perm`` bins and each bin keeps its minimum low bits.
A bin no shingle fell into borrows the value of the next non-empty bin to its right, shifted by the
distance (densification by rotation, Shrivastava and Li, 2014), so two signatures agree in a bin with
probability equal to the documents' Jaccard similarity, as with classic MinHash, at 1/num_perm of the cost.

Words are hashed by Polars and combined into k-word shingle hashes with NumPy. Polars does not promise
the same string hash across versions, so :data:`SCHEME` names the Polars version: signatures stored
under another scheme are recomputed rather than compared with new ones.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MAX_HASH = np.uint32(0xFFFFFFFF)
SCHEME = f"oph2-k{{k}}-p{{num_perm}}-polars{pl.__version__}"
_WORD_SEED = 42
_COMBINE = np.uint64(0x100000001B3)        # FNV prime: folds the next word's hash into a shingle's
_ROTATE = np.uint32(0x9E3779B1)            # odd constant added per bin of distance when a bin borrows
_M1, _M2, _S33 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53), np.uint64(33)


def scheme(num_perm: int = 128, k: int = 3) -> str:
    """Tag of the signature scheme: signatures are only comparable under the same tag."""
    return SCHEME.format(k=k, num_perm=num_perm)


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads every input bit over the whole 64-bit word (in place)."""
    x ^= x >> _S33
    x *= _M1
    x ^= x >> _S33
    x *= _M2
    x ^= x >> _S33
    return x


def shingle_hashes(texts: pl.Series, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the k-word shingles of each text, and the index of the text each belongs to
    (non-decreasing).

    Words are runs of letters and digits: punctuation and line breaks both end a word (so the last
    word of a paragraph and the first of the next stay two words). A text of fewer than k words
    contributes one shingle of all its words (so it still gets a signature); a text without words
    contributes none.
    """
    n = len(texts)
    words = (
        pl.DataFrame({"doc": np.arange(n, dtype=np.int64), "text": texts})
        .select("doc", pl.col("text").fill_null("").str.replace_all(r"\W+", " ").str.split(" "))
        .explode("text")
        .filter(pl.col("text") != "")
    )
    doc = words["doc"].to_numpy()
    wh = words["text"].hash(seed=_WORD_SEED).to_numpy()
    n_words = np.bincount(doc, minlength=n)
    word_start = np.concatenate(([0], np.cumsum(n_words)))
    m = max(len(wh) - k + 1, 0)
    acc = wh[:m].copy()
    for j in range(1, k):
        acc = acc * _COMBINE + wh[j : m + j]
    inside = doc[:m] == doc[k - 1 : m + k - 1]      # the k words belong to one document
    hashes, owner = acc[inside], doc[:m][inside]
    short = np.flatnonzero((n_words > 0) & (n_words < k))
    if len(short):
        extra = np.zeros(len(short), dtype=np.uint64)
        for j in range(k):
            pos = np.minimum(word_start[short] + j, len(wh) - 1)
            extra = extra * _COMBINE + np.where(j < n_words[short], wh[pos], np.uint64(0))
        hashes, owner = np.concatenate((hashes, extra)), np.concatenate((owner, short))
        order = np.argsort(owner, kind="stable")
        hashes, owner = hashes[order], owner[order]
    return _fmix64(hashes), owner


def _densify(sig: np.ndarray, empty: np.ndarray) -> None:
    """Fill each empty bin from the next non-empty bin to its right (circularly), in place."""
    n, p = sig.shape
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if len(rows) == 0:
        return
    cols = np.arange(2 * p)
    own = np.where(np.tile(~empty[rows], 2), cols, 2 * p)      # index of a non-empty bin, or "none"
    nearest = np.minimum.accumulate(own[:, ::-1], axis=1)[:, ::-1][:, :p]
    distance = (nearest - cols[:p]).astype(np.uint32)
    borrowed = sig[rows[:, None], nearest % p] + distance * _ROTATE
    sig[rows] = np.where(empty[rows], borrowed, sig[rows])


def signatures(texts: pl.Series, num_perm: int = 128, k: int = 3) -> np.ndarray:
    """A ``(len(texts), num_perm)`` uint32 array of MinHash signatures; texts without words get all-max rows."""
    n = len(texts)
    hashes, owner = shingle_hashes(texts, k)
    bins = (((hashes >> np.uint64(32)) * np.uint64(num_perm)) >> np.uint64(32)).astype(np.int64)
    cell = owner * num_perm + bins
    sig = np.full(n * num_perm, MAX_HASH, dtype=np.uint32)
    np.minimum.at(sig, cell, (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    filled = np.zeros(n * num_perm, dtype=bool)
    filled[cell] = True
    sig = sig.reshape(n, num_perm)
    _densify(sig, ~filled.reshape(n, num_perm))
    return sig


def signature_series(texts: pl.Series, num_perm: int = 128, k: int = 3) -> pl.Series:
    """:func:`signatures` as a ``signature`` column of ``List(UInt32)``, the shape the warehouse stores."""
    return pl.Series("signature", signatures(texts, num_perm=num_perm, k=k)).cast(pl.List(pl.UInt32))


def exact_jaccard(texts: pl.Series, pairs: np.ndarray, k: int = 3) -> np.ndarray:
    """Jaccard similarity of the shingle sets of ``texts[i]`` and ``texts[j]`` for each row (i, j) of ``pairs``.

    For the few candidate pairs whose estimate falls near the threshold, where a 128-bin estimate
    is too coarse to decide (its standard deviation is about 0.03 there).
    """
    if len(pairs) == 0:
        return np.empty(0)
    involved = np.unique(pairs)                 # only the texts the pairs name are shingled
    hashes, owner = shingle_hashes(texts.gather(involved), k)
    bounds = np.searchsorted(owner, np.arange(len(involved) + 1))
    sets = [np.unique(hashes[bounds[i] : bounds[i + 1]]) for i in range(len(involved))]
    out = np.empty(len(pairs))
    for row, (i, j) in enumerate(np.searchsorted(involved, pairs)):
        inter = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
        union = len(sets[i]) + len(sets[j]) - inter
        out[row] = inter / union if union else 1.0
    return out
