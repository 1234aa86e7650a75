import hashlib
import random

import pytest

from bench.generate import (
    MIN_NEAR_JACCARD,
    copy_earlier,
    generate,
    jaccard,
    load_pool,
    near_copy,
    parse,
    read_truth,
    render,
    split_long,
    vary_numbers,
)
from bench.quality import cluster_pairs, pair_scores, union_find_canonical
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def pool():
    return load_pool([SEEDS])


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.txt"))}


def test_pool_cuts_long_paragraphs_and_keeps_each_once(pool):
    assert len(pool.titles) == 5
    assert max(pool.n_words) <= 80
    assert len(set(pool.paragraphs)) == len(pool.paragraphs)
    words = " ".join(f"w{i}" for i in range(50)) + ". " + " ".join(f"x{i}" for i in range(200))
    assert [len(p.split()) for p in split_long(words)] == [80, 80, 80, 10]      # an overlong sentence fills up
    assert split_long("قتل خمسة. جرح عشرة.") == ["قتل خمسة. جرح عشرة."]


def test_generator_is_deterministic(pool, tmp_path):
    a = generate(60, tmp_path / "a" / "corpus", tmp_path / "a" / "truth.tsv", pool, seed=3)
    b = generate(60, tmp_path / "b" / "corpus", tmp_path / "b" / "truth.tsv", pool, seed=3)
    assert _digest(a.corpus) == _digest(b.corpus)
    assert a.truth.read_text(encoding="utf-8") == b.truth.read_text(encoding="utf-8")
    c = generate(60, tmp_path / "c" / "corpus", tmp_path / "c" / "truth.tsv", pool, seed=4)
    assert _digest(c.corpus) != _digest(a.corpus)


def test_injected_counts_and_ground_truth(pool, tmp_path):
    gen = generate(200, tmp_path / "corpus", tmp_path / "truth.tsv", pool, seed=7)
    files = {p.stem: p for p in gen.corpus.rglob("*.txt")}
    assert len(files) == 200 and (gen.n_exact, gen.n_near) == (10, 20)
    assert gen.n_bytes == sum(p.stat().st_size for p in files.values())
    truth = read_truth(gen.truth)
    assert [r["kind"] for r in truth].count("exact") == 10 and [r["kind"] for r in truth].count("near") == 20
    copies = {r["doc_id"] for r in truth}
    sources = [r["source_id"] for r in truth]
    assert len(set(sources)) == 30 and not copies & set(sources)      # disjoint pairs, sources are originals
    for row in truth:
        copy, source = files[row["doc_id"]].read_text("utf-8"), files[row["source_id"]].read_text("utf-8")
        assert copy.split("\n", 1)[0] == source.split("\n", 1)[0]     # same title
        if row["kind"] == "exact":
            assert copy == source and row["jaccard"] == 1.0 and row["edits"] == ""
        else:
            assert copy != source and row["edits"]
            assert row["jaccard"] == pytest.approx(jaccard(source, copy), abs=1e-4)
            assert row["jaccard"] >= MIN_NEAR_JACCARD


def test_varied_counts_keep_their_digits_and_length_and_leave_years_alone():
    text = "قتل 12 مدنياً و٣ أطفال منذ 2013 وأصيب 150 في 5 قرى، ٢٠١٥"
    varied = vary_numbers(text, random.Random(1))
    assert varied == vary_numbers(text, random.Random(1)) and varied != text
    assert "2013" in varied and "٢٠١٥" in varied                      # four digits: a year, kept
    words, old = varied.split(), text.split()
    for before, after in zip(old, words, strict=True):
        if before.lstrip("و").isdigit():
            assert len(after) == len(before) and after[-1].isdigit()
            assert (after.lstrip("و")[0] <= "9") == (before.lstrip("و")[0] <= "9")   # same digit system
        else:
            assert after == before


def test_a_varied_corpus_holds_more_distinct_sentences_and_its_copies_carry_their_sources_numbers(pool, tmp_path):
    plain = generate(200, tmp_path / "p" / "corpus", tmp_path / "p" / "truth.tsv", pool, seed=7)
    varied = generate(200, tmp_path / "v" / "corpus", tmp_path / "v" / "truth.tsv", pool, seed=7, vary=True)
    again = generate(200, tmp_path / "w" / "corpus", tmp_path / "w" / "truth.tsv", pool, seed=7, vary=True)
    assert _digest(varied.corpus) == _digest(again.corpus)

    def lines(gen):
        return [line for p in sorted(gen.corpus.rglob("*.txt")) for line in p.read_text("utf-8").split("\n") if line]

    assert len(set(lines(varied))) > 2 * len(set(lines(plain)))
    files = {p.stem: p.read_text("utf-8") for p in varied.corpus.rglob("*.txt")}
    for row in read_truth(varied.truth):
        copy, source = files[row["doc_id"]], files[row["source_id"]]
        if row["kind"] == "exact":
            assert copy == source
        else:
            assert row["jaccard"] == pytest.approx(jaccard(source, copy), abs=1e-4)
            assert row["jaccard"] >= MIN_NEAR_JACCARD


def test_near_copy_edits(pool):
    paragraphs = list(pool.paragraphs[:8])
    body, edits, sim = near_copy(pool.titles[0], paragraphs, random.Random(11))
    source, copy = render(pool.titles[0], paragraphs), render(pool.titles[0], body)
    assert copy != source and MIN_NEAR_JACCARD <= sim < 1.0 and sim == jaccard(source, copy)
    assert set(edits.split("+")) <= {"drop_sentence", "byline"} | {f"swap_words*{n}" for n in (1, 2, 3)}


def test_pair_scores_against_truth():
    truth = [{"doc_id": "b", "source_id": "a", "kind": "near"}, {"doc_id": "d", "source_id": "c", "kind": "exact"},
             {"doc_id": "f", "source_id": "e", "kind": "near"}]
    predicted = cluster_pairs({"a": "a", "b": "a", "c": "c", "d": "c", "e": "e", "f": "f", "g": "a"})
    assert predicted == {frozenset("ab"), frozenset("ag"), frozenset("bg"), frozenset("cd")}
    scores = pair_scores(predicted, truth)
    assert scores["precision"] == 0.5 and scores["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert scores["recall_near"] == 0.5 and scores["recall_exact"] == 1.0
    assert scores["missed_near"] == [["e", "f"]]


def test_union_find_groups_connected_documents():
    assert union_find_canonical(["a", "b", "c", "d"], [(2, 1), (1, 0)]) == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_a_kept_corpus_is_reused_only_for_the_same_numbers(pool, tmp_path):
    import json

    from bench.run import prepare_corpus

    root = tmp_path / "n60"
    first = prepare_corpus(60, root, pool, 3)
    manifest = root / "manifest.json"
    written = json.loads(manifest.read_text(encoding="utf-8"))
    # A manifest from before --vary-numbers (no "vary" key) still describes a corpus whose counts were not varied.
    manifest.write_text(json.dumps({k: v for k, v in written.items() if k != "vary"}), encoding="utf-8")
    marker = next(first.corpus.rglob("*.txt"))
    marker.write_text(marker.read_text("utf-8") + "kept", encoding="utf-8")
    assert prepare_corpus(60, root, pool, 3).n_bytes == first.n_bytes and marker.read_text("utf-8").endswith("kept")
    varied = prepare_corpus(60, root, pool, 3, vary=True)
    assert json.loads(manifest.read_text(encoding="utf-8"))["vary"] is True
    assert not marker.read_text("utf-8").endswith("kept") and varied.n_files == 60


def test_later_copies_of_earlier_articles(pool, tmp_path):
    earlier = generate(100, tmp_path / "run" / "corpus", tmp_path / "run" / "truth.tsv", pool, seed=7)
    batch = generate(40, tmp_path / "new" / "corpus", tmp_path / "new" / "truth.tsv", pool, seed=8, exact_rate=0.0,
                     near_rate=0.0, prefix="n")
    old = sorted(earlier.corpus.rglob("*.txt"))
    new = sorted(batch.corpus.rglob("*.txt"))
    before = {p.stem: p.read_text(encoding="utf-8") for p in new}
    made = copy_earlier(new, old, seed=9, exact_rate=0.1, near_rate=0.2)
    assert [kind for _, _, kind in made] == ["exact"] * 4 + ["near"] * 8
    assert len({src for _, src, _ in made}) == 12 and len({dst for dst, _, _ in made}) == 12
    by_name = {p.stem: p for p in old + new}
    for dst, src, kind in made:
        copy, source = by_name[dst].read_text(encoding="utf-8"), by_name[src].read_text(encoding="utf-8")
        if kind == "exact":
            assert copy == source
        else:
            assert copy != source and jaccard(copy, source) >= MIN_NEAR_JACCARD
            assert parse(copy)[0] == parse(source)[0]        # the title is kept
    untouched = set(before) - {dst for dst, _, _ in made}
    assert len(untouched) == 28 and all(by_name[n].read_text(encoding="utf-8") == before[n] for n in untouched)
    again = copy_earlier(new, old, seed=9, exact_rate=0.1, near_rate=0.2)
    assert again == made                                          # deterministic in the seed


def test_parse_reads_what_render_wrote():
    assert parse(render("عنوان", ["فقرة أولى.", "فقرة ثانية."])) == ("عنوان", ["فقرة أولى.", "فقرة ثانية."])
