"""``bench.extract_speed`` hands the stages their sentences as the extraction stage's workers get them."""

import polars as pl

from bench.extract_speed import PART, parts
from pipelines.stages import extract


def _sentences(docs: dict[str, int]) -> pl.DataFrame:
    rows = [(doc, n) for doc, count in docs.items() for n in range(count)]
    return pl.DataFrame({"doc_id": [d for d, _ in rows], "sentence_no": [n for _, n in rows]})


def test_parts_hold_whole_documents_in_order():
    sentences = _sentences({"a": 3, "b": 1, "c": 2, "d": 4, "e": 1})
    cut = parts(sentences, 2)
    assert [p["doc_id"].unique(maintain_order=True).to_list() for p in cut] == [["a", "b"], ["c", "d"], ["e"]]
    assert [p.height for p in cut] == [4, 6, 1]
    assert pl.concat(cut).equals(sentences)


def test_size_zero_is_one_call_over_everything():
    sentences = _sentences({"a": 2, "b": 2})
    assert len(parts(sentences, 0)) == 1 and parts(sentences, 0)[0].equals(sentences)


def test_the_default_part_is_the_stage_s():
    assert PART == extract.PART
