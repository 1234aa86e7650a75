import hashlib

import numpy as np
import polars as pl

from pipelines.lib.dedup.lsh import candidate_pairs, choose_bands, cluster_duplicates
from pipelines.lib.dedup.minhash import signatures

BASE = ("قالت المعارضة السورية المسلحة إنها صدت هجوما واسعا لقوات النظام على مواقعها في مدينة حرستا وإدارة "
        "المركبات بريف دمشق وأوضحت أن الهجوم وقع تحت غطاء جوي وقصف مدفعي استهدف مدينة حرستا ومناطق أخرى "
        "تسيطر عليها المعارضة في الغوطة الشرقية وفي حماة قالت المعارضة إنها صدت هجمة لقوات النظام باتجاه بلدة بليل")
OTHER = "أعلنت وزارة الدفاع الروسية أن قاذفات نفذت ضربات جوية على أهداف لتنظيم الدولة على الضفة الغربية لنهر الفرات"


def _run(texts, ids, threshold=0.8):
    sig = signatures(pl.Series(texts))
    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    return {d.doc_id: d for d in cluster_duplicates(ids, np.array([len(t) for t in texts]), hashes, sig, threshold)}


def test_signature_similarity_tracks_jaccard():
    sig = signatures(pl.Series([BASE, BASE + " وأكدت مصادر ميدانية", OTHER]))
    assert sig.shape == (3, 128) and sig.dtype == np.uint32
    assert (sig[0] == sig[1]).mean() > 0.8
    assert (sig[0] == sig[2]).mean() < 0.1


def test_exact_and_near_duplicates_cluster_under_the_longest():
    near = BASE + " حسب مصادر"
    d = _run([BASE, near, BASE, OTHER], ["a", "b", "c", "d"])
    assert d["b"].status == "ok"                      # longest is canonical
    assert d["a"].duplicate_of == "b" and d["c"].duplicate_of == "b"
    assert 0.8 <= d["a"].dup_similarity < 1.0
    assert d["d"].status == "ok" and d["d"].duplicate_of is None


def test_ties_break_by_doc_id_and_exact_copies_score_one():
    d = _run([BASE, BASE], ["z", "m"])
    assert d["m"].status == "ok" and d["z"].duplicate_of == "m" and d["z"].dup_similarity == 1.0


def test_band_choice_passes_pairs_at_threshold():
    b = choose_bands(128, 0.8)
    r = 128 // b
    assert 1 - (1 - 0.8**r) ** b >= 0.995


def test_new_documents_candidates_are_the_pairs_of_all_that_involve_them():
    """With ``new``, candidate_pairs finds exactly the pairs of the whole run that touch a new document."""
    rng = np.random.default_rng(3)
    sig = rng.integers(0, 2**32, size=(5000, 128), dtype=np.uint64).astype(np.uint32)
    for _ in range(400):          # near copies: a few values changed, most bands still shared
        a, b = rng.integers(0, len(sig), 2)
        sig[b] = sig[a]
        sig[b, rng.integers(0, 128, 12)] = rng.integers(0, 2**32, 12, dtype=np.uint64).astype(np.uint32)
    new = np.zeros(len(sig), dtype=bool)
    new[rng.choice(len(sig), 300, replace=False)] = True
    bands = choose_bands(128, 0.8)
    every = candidate_pairs(sig, bands)
    involving = {tuple(p) for p in every[new[every[:, 0]] | new[every[:, 1]]]}
    found = {tuple(p) for p in candidate_pairs(sig, bands, new)}
    assert len(involving) > 20
    assert found == involving
    assert {tuple(p) for p in candidate_pairs(sig, bands, np.ones(len(sig), dtype=bool))} == {tuple(p) for p in every}


def test_band_keys_are_equal_exactly_where_the_bands_are():
    from pipelines.lib.dedup.lsh import band_keys

    rng = np.random.default_rng(3)
    sig = rng.integers(0, 2**32, size=(6, 128), dtype=np.uint32)
    sig[1, :4] = sig[0, :4]          # band 0 shared by documents 0 and 1
    sig[2, 124:] = sig[3, 124:]      # band 31 shared by documents 2 and 3
    sig[4, 4:8] = sig[0, 4:8]
    sig[4, 7] ^= 1                   # band 1 of document 4 differs from document 0's in one value
    keys = band_keys(sig, 32)
    assert keys.shape == (6, 32) and keys.dtype == np.uint64
    assert keys[0, 0] == keys[1, 0] and keys[2, 31] == keys[3, 31] and keys[0, 1] != keys[4, 1]
    shared = {(i, j, b) for b in range(32) for i in range(6) for j in range(i + 1, 6) if keys[i, b] == keys[j, b]}
    assert shared == {(0, 1, 0), (2, 3, 31)}
    # Bands of an odd number of values (no 64-bit words) partition the documents alike.
    odd = band_keys(sig[:, :120], 24)
    assert odd.shape == (6, 24) and odd[0, 0] != odd[1, 0] and odd[2, 23] != odd[3, 23]
    sig[1, :5] = sig[0, :5]
    assert band_keys(sig[:, :120], 24)[0, 0] == band_keys(sig[:, :120], 24)[1, 0]
