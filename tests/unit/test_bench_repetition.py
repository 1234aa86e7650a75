"""The bench's count of repeated texts (``bench.run.text_repetition``): values on a small warehouse."""

import duckdb

from bench.run import repetition_line, text_repetition


def test_repeated_sentences_and_evidence_are_counted_once_among_the_distinct(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table sentences (doc_id varchar, sentence_no integer, text varchar)")
        con.execute("create table casualty_claims (claim_id varchar, evidence varchar)")
        con.execute("insert into sentences values ('a', 0, 'قتل خمسة'), ('b', 0, 'قتل خمسة'), ('b', 1, 'وأصيب اثنان'),"
                    " ('c', 0, 'قتل خمسة')")
        con.execute("insert into casualty_claims values ('1', 'قتل خمسة'), ('2', 'قتل خمسة'), ('3', 'وأصيب اثنان')")
    rep = text_repetition(path)
    assert rep == {"sentences": 4, "distinct_sentences": 2, "claims": 3, "distinct_evidence_sentences": 2}
    assert repetition_line(10_000, rep) == (
        "N = 10,000: 4 sentences, 2 distinct (50.0%); 3 claims from 2 distinct evidence sentences")


def test_an_empty_warehouse_reads_as_no_repetition(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table sentences (doc_id varchar, sentence_no integer, text varchar)")
        con.execute("create table casualty_claims (claim_id varchar, evidence varchar)")
    rep = text_repetition(path)
    assert rep["sentences"] == 0 and "0.0%" in repetition_line(5, rep)
