"""An exact copy of an article (a wire story reprinted word for word) gets its mentions and claims copied from the
article dedup made it a duplicate of, instead of being read again; the rows are those extraction gives it. A copy
that differs in one diacritic (the same normalised text, another display text) is read as any article."""

import re
import shutil
from pathlib import Path

import duckdb

from pipelines.lib.extract.claims import CLAIM_SCHEMA, claim_key
from tests.conftest import SEEDS
from tests.integration.conftest import materialize_metadata

ORIGINAL = "002_a4a810ac40d15723"       # a seed with claims, mentions and diacritics
TABLES = {"actor_mentions": "actor_id", "location_mentions": "location_id", "casualty_claims": "claim_id"}
_DIACRITIC = re.compile("[\u064b-\u0652]")


def _rows(wh: Path, table: str, doc_id: str) -> list[tuple]:
    """The document's rows of ``table`` as extraction writes them, without doc_id (and claim_id, which embeds it),
    in table order. A claim's incident columns are the incidents stage's, and differ between copies."""
    columns = "* exclude (doc_id)"
    if table == "casualty_claims":
        columns = ", ".join(c for c in CLAIM_SCHEMA if c not in ("doc_id", "claim_id"))
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(f"select {columns} from {table} where doc_id = ?", [doc_id]).fetchall()


def _claim_ids(wh: Path, doc_id: str) -> list[str]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return [r[0] for r in con.execute("select claim_id from casualty_claims where doc_id = ? order by all",
                                          [doc_id]).fetchall()]


def _keys(wh: Path, doc_id: str) -> list[tuple[str, str]]:
    """Each claim's id and the id ``claim_key`` gives from its row's columns."""
    with duckdb.connect(str(wh), read_only=True) as con:
        rows = con.execute("select claim_id, doc_id, sentence_no, char_start, outcome, victim_group "
                           "from casualty_claims where doc_id = ? order by all", [doc_id]).fetchall()
    return [(r[0], claim_key(*r[1:])) for r in rows]


def test_an_exact_copy_gets_the_rows_extraction_gives_it(tmp_path):
    text = (SEEDS / f"{ORIGINAL}.txt").read_text(encoding="utf-8")
    first_mark = _DIACRITIC.search(text)
    assert first_mark is not None
    unmarked = text[:first_mark.start()] + text[first_mark.end():]   # one diacritic fewer: shorter, never canonical

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "900_copy.txt").write_text(text, encoding="utf-8")
    (corpus / "901_unmarked.txt").write_text(unmarked, encoding="utf-8")
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    meta = materialize_metadata(corpus, wh, lake)

    with duckdb.connect(str(wh), read_only=True) as con:
        decisions = dict(con.execute("select doc_id, duplicate_of from documents where status = 'duplicate'")
                         .fetchall())
    assert decisions == {"900_copy": ORIGINAL, "901_unmarked": ORIGINAL}
    # Both are duplicates; only the copy word for word is copied, by both stages.
    for asset in ("actor_mentions", "casualty_claims"):
        assert meta[asset]["documents_processed"] == 7
        assert meta[asset]["documents_copied"] == 1

    for table in TABLES:
        assert _rows(wh, table, "900_copy") == _rows(wh, table, ORIGINAL)
    assert len(_rows(wh, "casualty_claims", "900_copy")) >= 1
    assert len(_rows(wh, "actor_mentions", "900_copy")) >= 1
    # Each copied claim carries the id extraction gives it in the copy, not its original's.
    for doc_id in ("900_copy", ORIGINAL):
        assert all(stored == derived for stored, derived in _keys(wh, doc_id))
    assert not set(_claim_ids(wh, "900_copy")) & set(_claim_ids(wh, ORIGINAL))
    # The article one diacritic apart was read on its own: its evidence is its own display text.
    with duckdb.connect(str(wh), read_only=True) as con:
        evidence = [r[0] for r in con.execute("select evidence from casualty_claims where doc_id = '901_unmarked'")
                    .fetchall()]
    assert evidence and all(e in unmarked for e in evidence)

    # The same copy extracted on its own, with no original to copy from: the same rows.
    alone = tmp_path / "alone"
    shutil.copytree(SEEDS, alone)
    (alone / f"{ORIGINAL}.txt").unlink()
    (alone / "900_copy.txt").write_text(text, encoding="utf-8")
    alone_meta = materialize_metadata(alone, tmp_path / "alone.duckdb", tmp_path / "alone-lake")
    assert alone_meta["actor_mentions"]["documents_copied"] == 0
    for table in TABLES:
        assert _rows(tmp_path / "alone.duckdb", table, "900_copy") == _rows(wh, table, "900_copy")
    assert _claim_ids(tmp_path / "alone.duckdb", "900_copy") == _claim_ids(wh, "900_copy")


def test_a_copy_arriving_later_is_copied_from_the_extracted_original(tmp_path):
    corpus, wh, lake = tmp_path / "corpus", tmp_path / "w.duckdb", tmp_path / "lake"
    shutil.copytree(SEEDS, corpus)
    materialize_metadata(corpus, wh, lake)
    text = (SEEDS / f"{ORIGINAL}.txt").read_bytes()
    (corpus / "950_later_copy.txt").write_bytes(text)
    meta = materialize_metadata(corpus, wh, lake)
    for asset in ("actor_mentions", "casualty_claims"):
        assert meta[asset]["documents_processed"] == 1
        assert meta[asset]["documents_copied"] == 1
    for table in TABLES:
        assert _rows(wh, table, "950_later_copy") == _rows(wh, table, ORIGINAL)
    assert all(stored == derived for stored, derived in _keys(wh, "950_later_copy"))
