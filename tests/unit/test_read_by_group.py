"""read_by_group: one read for several groups of documents, each group given back its own rows in read order."""

import polars as pl

from pipelines.stages.common import batches, read_by_group

DOCS = pl.DataFrame({"doc_id": ["a", "b", "c", "d", "e"], "flag": [True, False, True, False, True]})
# Rows the read returns, in an order of their own (not doc_id order): a document without rows (d) included.
ROWS = pl.DataFrame({"doc_id": ["b", "a", "e", "a", "c", "b", "e"], "n": [1, 2, 3, 4, 5, 6, 7]})


def _reader(calls: list[list[str]]):
    def read(docs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        calls.append(docs["doc_id"].to_list())
        rows = ROWS.filter(pl.col("doc_id").is_in(docs["doc_id"].implode()))
        return rows, rows.select("doc_id").unique(maintain_order=True)
    return read


def test_each_group_gets_its_own_rows_in_read_order() -> None:
    groups = list(batches(DOCS, 2))                          # a b | c d | e
    calls: list[list[str]] = []
    out = list(read_by_group(groups, 2, _reader(calls)))
    assert calls == [["a", "b", "c", "d"], ["e"]]            # two reads for three groups
    assert [rows["n"].to_list() for rows, _ in out] == [[1, 2, 4, 6], [5], [3, 7]]
    assert [ids["doc_id"].to_list() for _, ids in out] == [["b", "a"], ["c"], ["e"]]
    assert all(rows.columns == ["doc_id", "n"] for rows, _ in out)


def test_a_group_without_rows_gets_an_empty_frame_of_the_same_columns() -> None:
    groups = [DOCS.slice(3, 1), DOCS.slice(0, 1)]            # d (no rows) | a
    [(none, _), (some, _)] = read_by_group(groups, 5, _reader([]))
    assert none.height == 0 and none.schema == ROWS.schema
    assert some["n"].to_list() == [2, 4]


def test_one_group_a_read_is_read_as_it_is() -> None:
    calls: list[list[str]] = []
    out = list(read_by_group(list(batches(DOCS, 2)), 1, _reader(calls)))
    assert calls == [["a", "b"], ["c", "d"], ["e"]]
    assert [rows["n"].to_list() for rows, _ in out] == [[1, 2, 4, 6], [5], [3, 7]]
