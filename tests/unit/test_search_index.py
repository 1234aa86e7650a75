"""The search index counted in Polars equals the one DuckDB's SQL built before (its statements are kept here
only to compare): same words, ids, lengths and counts, on a full build in ranges and on an incremental one."""

from __future__ import annotations

import hashlib
import shutil
import types

import duckdb
import polars as pl

from pipelines.lib import search_index
from pipelines.lib.sql import SQL_DIR, sql
from pipelines.stages import marts

# sql/marts/070_search_index.sql as it was before the words moved to Polars, run once per range of mart_scope.
SQL_INDEX = r"""
create table if not exists mart_search_terms (term varchar not null, term_id integer not null);
create table if not exists mart_search_documents (doc_id varchar not null, n_terms integer not null);
create table if not exists mart_search_postings (
    doc_id varchar not null, term_id integer not null, tf integer not null
);
create or replace temp table scope_words as
select doc_id, unnest(map_keys(words)) as term, unnest(map_values(words))::integer as tf
from (
    select d.doc_id, list_aggregate(regexp_extract_all(d.text_norm, '[\p{L}\p{N}]+'), 'histogram') as words
    from mart_scope k
    join documents d on d.doc_id = k.doc_id and d.status = 'ok'
    where k.changed
);
insert into mart_search_terms
select n.term, (select coalesce(max(term_id), 0) from mart_search_terms) + row_number() over (order by n.term)
from (select distinct term from scope_words) n
where not exists (select 1 from mart_search_terms t where t.term = n.term);
delete from mart_search_documents where doc_id in (select doc_id from mart_scope where changed);
insert into mart_search_documents
select doc_id, sum(tf)::integer from scope_words group by doc_id;
delete from mart_search_postings where doc_id in (select doc_id from mart_scope where changed);
insert into mart_search_postings
select w.doc_id, t.term_id, w.tf
from scope_words w
join mart_search_terms t on t.term = w.term;
"""

# Written for this test: Arabic with punctuation and tatweel, Arabic-Indic, Persian, Devanagari, fullwidth and
# superscript digits, Latin words glued to Arabic, diacritics (which split words), a letter Unicode 16.0 added
# (U+10EC2, not a letter to DuckDB), empty text and text without a word.
TEXTS = {
    "d01": "قتل ٣ مدنيين وأصيب ١٢ آخرون في قصف على حي الشعار، حلب-الشرقية.",
    "d02": "قالت الشبكة: «الحصيلة ٢٥ قتيلاً»… وأضافت أن العدد قد يرتفع؛ العدد ٢٥!",
    "d03": "وصل ۴۵ نازحاً (Persian digits) إلى مخيم الركبان يوم 12/03/2019 — UN report",
    "d04": "الجـــيش السوري يقصف الغوطة الشرقيـة ـ وريف دمشق",
    "d05": "",
    "d06": "... ؟؟ !! — ، ؛ «»",
    "d07": "abc١٢٣ حلب2019 x² ½ ४२ １２ ⅻ",
    "d08": "كَتَبَ المراسلُ عن القصفِ على إدلب",
    "d09": "حرف\U00010ec2جديد و\U0001ccf5رقم",
    "d10": "حلب حلب حلب دمشق دمشق حمص",
}


def _documents(con: duckdb.DuckDBPyConnection, texts: dict[str, str], gone: frozenset = frozenset()) -> None:
    rows = [(doc_id, "deleted" if doc_id in gone else "ok", text, hashlib.sha256(text.encode()).hexdigest())
            for doc_id, text in texts.items()]
    con.execute("create or replace table documents (doc_id varchar, status varchar, text_norm varchar, "
                "norm_sha256 varchar)")
    if rows:
        con.executemany("insert into documents values (?, ?, ?, ?)", rows)


def _todo(con: duckdb.DuckDBPyConnection, changed: list[str], touched: list[str] = ()) -> int:
    """marts_todo as the marts stage makes it; mart_scope holds every document of it, as when scripts run."""
    frame = pl.DataFrame({"doc_id": [*changed, *touched], "changed": [True] * len(changed) + [False] * len(touched)},
                         schema={"doc_id": pl.String, "changed": pl.Boolean})
    con.register("todo", frame.to_arrow())
    con.execute("create or replace temp table marts_todo as "
                "select doc_id, changed, row_number() over (order by doc_id) as n from todo")
    con.unregister("todo")
    con.execute(sql("staging/marts_chunk"), [0, len(frame)])
    return len(frame)


def _build_with_sql(con: duckdb.DuckDBPyConnection, n_todo: int, chunk: int) -> None:
    for first in range(0, max(n_todo, 1), chunk):
        con.execute(sql("staging/marts_chunk"), [first, first + chunk])
        con.execute(SQL_INDEX)


def _build_with_polars(con: duckdb.DuckDBPyConnection, n_todo: int) -> None:
    con.execute((SQL_DIR / "marts" / "070_search_index.sql").read_text(encoding="utf-8"))
    marts.refresh_search_index(con, n_todo)


# The postings by doc_id: the Polars step names documents by number (mart_search_documents.doc_no).
NUMBERED_POSTINGS = ("select d.doc_id, p.term_id, p.tf from mart_search_postings p "
                     "join mart_search_documents d using (doc_no)")


def _tables(con: duckdb.DuckDBPyConnection, numbered: bool = True) -> dict[str, list]:
    """The rows the SQL index had (the Polars step also keeps the hash of each document's text and its number)."""
    postings = f"select * from ({NUMBERED_POSTINGS})" if numbered else "select * from mart_search_postings"
    return {"mart_search_terms": con.execute("select * from mart_search_terms order by all").fetchall(),
            "mart_search_documents": con.execute("select doc_id, n_terms from mart_search_documents "
                                                 "order by all").fetchall(),
            "mart_search_postings": con.execute(f"{postings} order by all").fetchall()}


def _numbering(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Each indexed document's number; every posting names one of them."""
    numbers = dict(con.execute("select doc_id, doc_no from mart_search_documents").fetchall())
    assert len(set(numbers.values())) == len(numbers)
    orphans = con.execute("select count(*) from mart_search_postings where doc_no not in "
                          "(select doc_no from mart_search_documents)").fetchone()[0]
    assert orphans == 0
    return numbers


def _both(rounds: list[tuple[dict, list, list, frozenset]], chunk: int, monkeypatch) -> tuple[dict, dict]:
    """Each round (texts, changed, touched, deleted documents) built by the old SQL and by the Polars step."""
    monkeypatch.setattr(marts, "CHUNK", chunk)
    monkeypatch.setattr(marts, "TOKENISE_BATCH", 2)  # texts counted a few at a time, on threads
    old, new = duckdb.connect(), duckdb.connect()
    for texts, changed, touched, gone in rounds:
        _documents(old, texts, gone)
        _build_with_sql(old, _todo(old, changed, touched), chunk)
        _documents(new, texts, gone)
        _build_with_polars(new, _todo(new, changed, touched))
    return _tables(old, numbered=False), _tables(new)


def test_every_code_point_is_a_word_character_to_polars_exactly_when_it_is_to_duckdb() -> None:
    chars = pl.DataFrame({"c": [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]})
    con = duckdb.connect()
    con.register("chars", chars.to_arrow())
    in_duckdb = set(con.execute(r"select c from chars where regexp_full_match(c, '[\p{L}\p{N}]')").pl()["c"])
    in_polars = set(chars.filter(pl.col("c").str.contains(f"^{search_index.WORD}$"))["c"])
    assert len(in_duckdb) > 130_000
    assert in_polars == in_duckdb


def test_the_words_of_a_sentence() -> None:
    texts = pl.DataFrame({"doc_id": ["a", "b", "c"],
                          "text_norm": ["قصف حلب-الشرقية، ٣ قتلى و3 جرحى؛ قصف!", "", "… ؟ «»"]})
    words, lengths = search_index.count_words([texts])
    assert set(words["doc_id"]) == {"a"}
    assert dict(zip(words["term"], words["tf"], strict=True)) == {
        "قصف": 2, "حلب": 1, "الشرقية": 1, "٣": 1, "قتلى": 1, "و3": 1, "جرحى": 1}
    assert lengths.rows() == [("a", 8)]


def test_words_counted_on_threads_are_those_counted_in_one() -> None:
    frame = pl.DataFrame({"doc_id": list(TEXTS), "text_norm": list(TEXTS.values())})
    batches = list(frame.iter_slices(3))
    one, threads = search_index.count_words(batches), search_index.count_words(iter(batches), workers=2)
    # a document's words come in no set order (value_counts hashes them); documents in the order of the texts
    assert threads.words.sort("doc_id", "term").equals(one.words.sort("doc_id", "term"))
    assert threads.lengths.equals(one.lengths)
    assert one.lengths["doc_id"].to_list() == [doc_id for doc_id in TEXTS if doc_id not in ("d05", "d06")]


def test_a_full_build_in_ranges_equals_the_sql_index(monkeypatch) -> None:
    old, new = _both([(TEXTS, list(TEXTS), [], frozenset())], chunk=3, monkeypatch=monkeypatch)
    assert new == old
    assert len(old["mart_search_terms"]) > 40
    terms = dict(new["mart_search_terms"])
    # tatweel (a letter) stays in the word; diacritics split it; U+10EC2 splits as in DuckDB
    assert "الجـــيش" in terms and "الشرقيـة" in terms and "ـ" in terms
    assert "ك" in terms and "حرف" in terms and "جديد" in terms
    assert {"٣", "١٢", "۴۵", "४२", "１２", "x²", "½", "ⅻ", "abc١٢٣", "حلب2019"} <= set(terms)
    # documents without a word have no row
    assert {doc_id for doc_id, _ in new["mart_search_documents"]} == set(TEXTS) - {"d05", "d06"}
    assert ("d10", terms["حلب"], 3) in new["mart_search_postings"]


def test_documents_are_numbered_in_doc_id_order_across_ranges(monkeypatch) -> None:
    monkeypatch.setattr(marts, "CHUNK", 3)
    monkeypatch.setattr(marts, "TOKENISE_BATCH", 2)
    con = duckdb.connect()
    _documents(con, TEXTS)
    _build_with_polars(con, _todo(con, list(TEXTS)))
    indexed = sorted(set(TEXTS) - {"d05", "d06"})
    assert _numbering(con) == {doc_id: no for no, doc_id in enumerate(indexed, start=1)}


def test_an_incremental_build_equals_the_sql_index(monkeypatch) -> None:
    edited = {**TEXTS, "d02": "قالت الشبكة إن الحصيلة ارتفعت إلى ٣٠ قتيلاً في زملكا",
              "d11": "خبر جديد عن قصف على معرة النعمان وسراقب",
              "d06": "صار للنص كلمات الآن", "d01": ""}
    rounds = [(TEXTS, list(TEXTS), [], frozenset()),
              # edited, new, emptied, deleted and merely touched documents; touched ones keep their rows
              (edited, ["d01", "d02", "d06", "d09", "d11"], ["d03", "d10"], frozenset({"d09"}))]
    old, new = _both(rounds, chunk=2, monkeypatch=monkeypatch)
    assert new == old
    terms = dict(new["mart_search_terms"])
    # words are never deleted; the new ones come after the first build's
    assert "مدنيين" in terms and "حرف" in terms
    assert terms["زملكا"] > max(term_id for term, term_id in new["mart_search_terms"] if term in TEXTS["d10"])
    assert "d09" not in {doc_id for doc_id, _ in new["mart_search_documents"]}
    assert "d01" not in {doc_id for doc_id, _ in new["mart_search_documents"]}


def test_only_documents_whose_text_the_index_does_not_hold_are_counted_again(request) -> None:
    """A changed document keeps its rows when its text and its being canonical did not change (extracted again,
    placed in other incidents); an edited one, one that went and one that came back are counted again."""
    con = duckdb.connect()
    _documents(con, TEXTS)
    _build_with_polars(con, _todo(con, list(TEXTS)))
    first, first_numbers = _tables(con), _numbering(con)
    counted = request.getfixturevalue("counted_words")    # from here on
    # Documents without a word (d05, d06) have no row to say what the index holds of them: read again, cheaply.
    wordless = ["d05", "d06"]
    _documents(con, TEXTS)                  # every document changed, no text did
    _build_with_polars(con, _todo(con, list(TEXTS)))
    assert sorted(counted) == wordless and _tables(con) == first
    counted.clear()
    edited = {**TEXTS, "d02": "قالت الشبكة إن الحصيلة ارتفعت إلى ٣٠ قتيلاً في زملكا"}
    _documents(con, edited, gone=frozenset({"d04"}))
    _build_with_polars(con, _todo(con, list(TEXTS)))
    assert sorted(counted) == ["d02", *wordless]
    assert "d04" not in {doc_id for doc_id, _ in _tables(con)["mart_search_documents"]}
    counted.clear()
    _documents(con, edited)                 # d04 canonical again
    _build_with_polars(con, _todo(con, list(TEXTS)))
    assert sorted(counted) == ["d04", *wordless]
    hashes = dict(con.execute("select doc_id, norm_sha256 from mart_search_documents").fetchall())
    assert hashes["d02"] == hashlib.sha256(edited["d02"].encode()).hexdigest()
    # Counted again, d02 and d04 took numbers after the largest; the others kept theirs, and no posting names a
    # number that went.
    numbers, before = _numbering(con), dict(first_numbers)
    assert {doc_id for doc_id in numbers if numbers[doc_id] != before.get(doc_id)} == {"d02", "d04"}
    assert min(numbers["d02"], numbers["d04"]) > max(before.values())
    # The same words as an index built at once on the texts as they are now (word ids aside: the order in which
    # words were first seen numbers them).
    reference = duckdb.connect()
    _documents(reference, edited)
    _build_with_polars(reference, _todo(reference, list(TEXTS)))
    for built in (con, reference):
        built.execute(f"create or replace temp view words as select p.doc_id, t.term, p.tf "
                      f"from ({NUMBERED_POSTINGS}) p join mart_search_terms t using (term_id)")
    for query in ("select * from words order by all",
                  "select doc_id, n_terms, norm_sha256 from mart_search_documents order by all"):
        assert con.execute(query).fetchall() == reference.execute(query).fetchall()


def test_an_empty_scope_makes_empty_tables(monkeypatch) -> None:
    old, new = _both([({}, [], [], frozenset())], chunk=3, monkeypatch=monkeypatch)
    assert new == old == {"mart_search_terms": [], "mart_search_documents": [], "mart_search_postings": []}


def test_the_marts_rebuild_when_the_index_definition_changes(tmp_path, monkeypatch) -> None:
    """The marts' fingerprint covers the search index's step SQL and the module that counts its words."""
    sql_copy = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql_copy)
    module_copy = tmp_path / "search_index.py"
    shutil.copyfile(search_index.__file__, module_copy)
    monkeypatch.setattr(marts, "SQL_DIR", sql_copy)
    monkeypatch.setattr(marts, "_STEP_MODULES", (types.SimpleNamespace(__name__="search_index",
                                                                       __file__=str(module_copy)),))
    before = marts.marts_fingerprint()
    assert marts.marts_fingerprint() == before
    write = sql_copy / "marts" / "search_index" / "write.sql"
    write.write_text(write.read_text(encoding="utf-8") + "\n-- changed\n", encoding="utf-8")
    after_sql = marts.marts_fingerprint()
    module_copy.write_text(module_copy.read_text(encoding="utf-8").replace("Age=15.0", "Age=16.0"), encoding="utf-8")
    assert len({before, after_sql, marts.marts_fingerprint()}) == 3


def test_step_files_are_the_folder_named_after_the_script() -> None:
    [path] = [p for p in (SQL_DIR / "marts").glob("*.sql") if marts.script_name(p) == "search_index"]
    assert [p.name for p in marts.step_files(path)] == ["largest_number.sql", "scope_documents.sql",
                                                        "scope_texts.sql", "terms.sql", "write.sql"]
    assert set(marts.SCRIPT_STEPS) == {"search_index"}
