import numpy as np
import polars as pl

from pipelines.lib.dedup.lsh import cluster_duplicates, cluster_frame
from pipelines.lib.dedup.minhash import MAX_HASH, exact_jaccard, scheme, shingle_hashes, signatures
from tests.unit.test_dedup import BASE, OTHER


def test_scheme_names_what_makes_signatures_comparable():
    tag = scheme(128, 3)
    assert tag.startswith("oph2-k3-p128-polars") and tag.endswith(pl.__version__)
    assert scheme(64, 3) != tag


def test_shingles_of_short_and_empty_texts():
    hashes, owner = shingle_hashes(pl.Series(["a b c d", "a b", "", "، ؟"]))
    assert owner.tolist() == [0, 0, 1]                       # two 3-word shingles, one for the short text
    # A line break or punctuation ends a word: "c\n\nd" is two words, as "c، d" is.
    same = shingle_hashes(pl.Series(["a b c d", "a b c\n\nd", "a، b c، d"]))[0]
    assert same[0:2].tolist() == same[2:4].tolist() == same[4:6].tolist()
    sig = signatures(pl.Series(["a b c d", "a b", "", "، ؟"]))
    assert (sig[2] == MAX_HASH).all() and (sig[3] == MAX_HASH).all()
    assert not (sig[0] == MAX_HASH).any() and not (sig[1] == MAX_HASH).any()   # every bin filled (densified)


def test_signature_agreement_estimates_jaccard():
    rng = np.random.default_rng(5)
    vocab = [f"w{i}" for i in range(5000)]
    errors = []
    for _ in range(40):
        words = list(rng.choice(vocab, 400))
        cut = int(rng.integers(5, 80))
        other = words[cut:] + list(rng.choice(vocab, cut))       # drop a head, add a tail
        a, b = " ".join(words), " ".join(other)
        sa = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
        sb = {" ".join(other[i:i + 3]) for i in range(len(other) - 2)}
        true = len(sa & sb) / len(sa | sb)
        sig = signatures(pl.Series([a, b]))
        errors.append((sig[0] == sig[1]).mean() - true)
    assert abs(np.mean(errors)) < 0.02 and np.std(errors) < 0.05


def test_cluster_frame_is_the_decisions_as_columns():
    texts = [BASE, BASE + " حسب مصادر", BASE, OTHER]
    sig = signatures(pl.Series(texts))
    lengths = np.array([len(t) for t in texts])
    hashes = [str(hash(t)) for t in texts]
    frame = cluster_frame(["a", "b", "c", "d"], lengths, hashes, sig, 0.8)
    assert frame.columns == ["doc_id", "status", "duplicate_of", "dup_similarity"]
    assert frame["status"].to_list() == ["duplicate", "ok", "duplicate", "ok"]
    assert frame["duplicate_of"].to_list() == ["b", None, "b", None]
    decisions = cluster_duplicates(["a", "b", "c", "d"], lengths, hashes, sig, 0.8)
    assert [tuple(d.__dict__.values()) for d in decisions] == list(frame.iter_rows())
    assert cluster_frame([], np.array([]), [], np.empty((0, 128), dtype=np.uint32), 0.8).height == 0


def test_exact_jaccard_and_borderline_verification():
    words = [f"w{i}" for i in range(40)]
    a = " ".join(words)
    b = " ".join(words[:34] + [f"x{i}" for i in range(6)])      # 32 of 38 shingles shared, 44 in all
    texts = pl.Series([a, b, a])
    assert exact_jaccard(texts, np.array([[0, 1], [0, 2]])).tolist() == [32 / 44, 1.0]
    sig = signatures(texts)
    lengths, hashes = np.array([len(a), len(b), len(a) + 1]), ["h0", "h1", "h2"]
    calls = []

    def verify(pairs):
        calls.append(pairs.tolist())
        return exact_jaccard(texts, pairs)

    frame = cluster_frame(["a", "b", "c"], lengths, hashes, sig, 0.75, exact=verify)
    assert frame["status"].to_list() == ["duplicate", "ok", "ok"]       # b (0.727 exactly) stays apart
    assert all(pair != [0, 2] for batch in calls for pair in batch)    # clear pairs are not verified
