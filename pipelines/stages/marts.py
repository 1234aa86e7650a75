"""Stage 6: the marts the dashboard reads (``sql/marts/*.sql``, canonical documents only), kept up to date
a document at a time.

A ``NNN_mart_<name>.sql`` file is the ``select`` of mart ``mart_<name>``'s rows for the documents in the
temp table ``mart_scope``; any other file is a script run as it is (the dashboard's filter macros, and the
search index, which replaces the rows of the documents in ``mart_scope`` itself). The documents to redo
are those whose mark (``sql/ddl/100_change_tracking.sql``) differs from the one recorded when the marts
last saw them, and those whose rows copy an actor or place whose attributes changed since. Their rows are
deleted and selected again; a full rebuild (the marts' SQL changed, or most documents are to redo) drops
every mart and selects it over every document.

A script may have a Python step (``SCRIPT_STEPS``), run after it with the SQL of the folder named after it:
the search index's script makes its tables and forgets the changed documents' rows, then its step counts
their words in Polars (``pipelines/lib/search_index.py``) a range of documents at a time, which bounds the
memory the words need, and writes each range's rows from Arrow frames (``sql/marts/search_index/``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib import search_index
from pipelines.lib.duck_inputs import execute, fetch_frame, fetch_frame_for_keys
from pipelines.lib.sql import SQL_DIR, reader_macro_files, sql, sql_files
from pipelines.stages.common import (
    log_stage,
    one_commit,
    run_script,
    set_state_value,
    state_value,
    tune_for_bulk_writes,
    view_as_table,
)

_STATE_KEY = ("marts", "__sql__")
# Above this share of changed documents, rebuilding every mart costs less than replacing rows.
FULL_REBUILD_SHARE = 0.5
# Documents the search index takes at once, which bounds the memory its words need. With the SQL the Polars
# step replaced, the words of 85,000 documents (the canonical ones of 100,000 articles) spilled under the
# 1 GB memory limit: the full rebuild at 100,000 took 124 s of CPU in ranges of 10,000 against 160 s at once.
# The mart tables' rows are far fewer and cost more in ranges (each range scans the tables again).
CHUNK = 10_000
# Documents the search index lists the words of at once: for the 8,500 canonical documents of 10,000 bench
# articles (4.1 million words) the peak grew by 400 MB all at once and by 250 MB 1,000 at a time, for the same
# CPU time. Their texts are read a range (CHUNK) at a time: a query per 1,000 documents cost 54 ms on the 100k
# lake, the texts of all 85,000 canonical ones 4.6 s read that way against 1.4 s in ranges of 10,000.
TOKENISE_BATCH = 1_000


def marts_fingerprint() -> str:
    """A digest of what defines the marts: every file under ``sql/marts`` (the scripts' step folders too) and
    the Python modules the steps compute rows with; a change to any of them rebuilds every mart."""
    h = hashlib.sha256()
    for path in sorted((SQL_DIR / "marts").rglob("*.sql")):
        h.update(path.relative_to(SQL_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    for module in _STEP_MODULES:
        h.update(module.__name__.encode() + b"\0" + Path(module.__file__).read_bytes())
    return h.hexdigest()[:16]


def script_name(path: Path) -> str:
    """``search_index`` for ``070_search_index.sql`` (a mart file's name without its number)."""
    return path.stem.partition("_")[2]


def mart_table(path: Path) -> str | None:
    """``mart_claims`` for ``010_mart_claims.sql``; None for a script."""
    name = script_name(path)
    return name if name.startswith("mart_") else None


def step_files(path: Path) -> list[Path]:
    """The SQL files of a script's Python step: ``sql/marts/<name>/*.sql`` for ``NNN_<name>.sql``."""
    return sorted((path.parent / script_name(path)).glob("*.sql"))


def _scope_words(con: duckdb.DuckDBPyConnection) -> search_index.DocumentWords:
    """The words of the current range's changed documents, their texts read in one query and counted
    ``TOKENISE_BATCH`` at a time on as many threads as DuckDB has (the CPUs the run may use; the stage's own SQL
    runs on them too)."""
    threads = int(con.execute("select current_setting('threads')").fetchone()[0])
    doc_ids = fetch_frame(con, sql("marts/search_index/scope_documents"))["doc_id"]
    # Read by their ids: in a run that adds articles the texts to count are the new ones, and a join with
    # mart_scope read the texts of every article to find them (0.66 s for 765 of 101,000).
    texts = fetch_frame_for_keys(con, sql("marts/search_index/scope_texts"), doc_ids, "scope_batch")
    return search_index.count_words(texts.iter_slices(TOKENISE_BATCH), workers=threads)


def refresh_search_index(con: duckdb.DuckDBPyConnection, n_todo: int) -> None:
    """The search index's rows for the changed documents of ``marts_todo`` (whose old rows its script
    deleted), ``CHUNK`` documents at a time: each range's words counted in Polars, then one insert per
    table from an Arrow frame. The known words are read once; each range's new words are numbered after
    them (and after the previous range's), in word order, and its documents after the largest number, in doc_id
    order."""
    vocabulary: pl.DataFrame | None = None
    largest = 0
    for first in range(0, n_todo, CHUNK):
        execute(con, sql("staging/marts_chunk"), [first, first + CHUNK])
        words, lengths = _scope_words(con)
        if words.is_empty():
            continue
        if vocabulary is None:
            vocabulary = fetch_frame(con, sql("marts/search_index/terms")).cast(search_index.TERMS_SCHEMA)
            largest = con.execute(sql("marts/search_index/largest_number")).fetchone()[0]
        added = search_index.new_terms(words, vocabulary)
        vocabulary = pl.concat([vocabulary, added])
        documents = search_index.number_documents(lengths, largest)
        largest += documents.height
        rows = {"search_new_terms": added, "search_documents": documents,
                "search_postings": search_index.postings(words, vocabulary, documents)}
        del words  # the range's largest frame, not needed while DuckDB writes
        run_script(con, "marts/search_index/write", rows)


# A script's Python step, by the script's name; it gets the connection and the number of documents to redo.
SCRIPT_STEPS: dict[str, Callable[[duckdb.DuckDBPyConnection, int], None]] = {"search_index": refresh_search_index}
_STEP_MODULES = (search_index,)


def plan(con: duckdb.DuckDBPyConnection) -> dict:
    """Whether to rebuild every mart, and how many documents changed (``marts_changed``) or copy a changed
    actor or location (``marts_touched``). ``redefined``: the rebuild is for new definitions (else for the
    share of documents to update, and the scripts' tables are kept: see :func:`refresh_marts`)."""
    n_changed, n_updated, n_documents = con.execute(sql("staging/marts_plan")).fetchone()
    reason = None
    redefined = state_value(con, _STATE_KEY) != marts_fingerprint()
    if redefined:
        reason = "mart definitions changed"
    elif n_updated > FULL_REBUILD_SHARE * n_documents:
        reason = f"{n_updated} of {n_documents} documents to update"
    return {"full": reason is not None, "reason": reason, "redefined": redefined, "documents_changed": n_changed,
            "documents_updated": n_updated}


def refresh_marts(con: duckdb.DuckDBPyConnection, full: bool, keep_script_tables: bool = False) -> dict[str, float]:
    """Bring every mart up to date for the documents :func:`plan` found (all documents if ``full``); the
    seconds each file took (a script's with its Python step's). Mart tables are selected for all those
    documents at once, then the scripts run once, each followed by its step.

    A full rebuild drops every mart table first; with ``keep_script_tables`` (most documents changed, the
    definitions did not) it keeps the tables the scripts make, which redo only what changed for them: the
    search index counts again only the documents whose text it does not hold (a re-extraction of every
    document changes none: every document placed again in incidents at 100,000 articles took the marts
    18.5-24.0 s with the index counted again, 7.3-7.7 s without)."""
    execute(con, sql("staging/marts_scope"), [full])
    existing = {table for (table,) in con.execute(sql("staging/mart_tables")).fetchall()}
    files = [(path.stem, mart_table(path), path.read_text(encoding="utf-8"), SCRIPT_STEPS.get(script_name(path)))
             for path in sql_files("marts")]
    if full:
        selected = {table for _, table, _, _ in files if table is not None}
        dropped = existing & selected if keep_script_tables else set(existing)
        for table in dropped:
            con.execute(f'drop table "{table}"')
        existing -= dropped
    n_todo = con.execute("select count(*) from marts_todo").fetchone()[0]
    # Readers create these macros on their own connections (lib/sql.create_reader_macros), not in the lake.
    reader_macros = {path.stem for path in reader_macro_files()}
    seconds = dict.fromkeys((stem for stem, *_ in files), 0.0)
    if n_todo == 0 and not full:
        # Nothing in scope (a file read again with the same bytes, a sidecar rewritten as it was): every mart is
        # as it was; only the actors' and locations' marks are recorded (0.2-0.3 CPU-s of such a run at 100k).
        con.execute(sql("staging/marts_record"))
        return seconds

    def timed(stem: str, *statements: str, step: Callable | None = None) -> None:
        start = time.perf_counter()
        for statement in statements:
            con.execute(statement)
        if step is not None:
            step(con, n_todo)
        seconds[stem] += time.perf_counter() - start

    execute(con, sql("staging/marts_chunk"), [0, n_todo])
    for stem, table, rows, _ in files:
        if table is None:
            continue
        if table not in existing:
            timed(stem, f"create table {table} as {rows}")
        else:
            timed(stem, f"delete from {table} where doc_id in (select doc_id from mart_scope)",
                  f"insert into {table} by name {rows}")
    for stem, table, script, step in files:
        if table is None and stem not in reader_macros:
            timed(stem, script, step=step)
    con.execute(sql("staging/marts_record"))
    return {stem: round(s, 3) for stem, s in seconds.items()}


def run_marts(con: duckdb.DuckDBPyConnection) -> dict:
    """Update the marts when an input or a mart's SQL changed; otherwise leave them be."""
    start = time.perf_counter()
    changed = con.execute("select coalesce(sum(n_changed), 0) from run_log").fetchone()[0]
    fingerprint = marts_fingerprint()
    if changed == 0 and state_value(con, _STATE_KEY) == fingerprint:
        log_stage(con, "marts", 0, 0, time.perf_counter() - start)
        return {"marts_built": 0, "skipped": "no input and no mart definition changed"}
    # Without it DuckDB checkpoints every 16 MB of log, mid-way through a mart: 38 s for mart_actor_mentions
    # at 100,000 articles instead of 10 s.
    tune_for_bulk_writes(con)
    # Nothing the marts write changes a document's mark: the plan and the record read the marks computed once.
    with one_commit(con), view_as_table(con, "document_marks"):
        todo = plan(con)
        seconds = refresh_marts(con, todo["full"], keep_script_tables=not todo["redefined"])
        set_state_value(con, _STATE_KEY, fingerprint)
        # A new mart definition alone is a change worth publishing.
        log_stage(con, "marts", todo["documents_changed"], 0 if changed else 1, time.perf_counter() - start)
    return {"full_rebuild": todo["full"], "reason": todo["reason"] or "",
            "documents_changed": todo["documents_changed"], "documents_updated": todo["documents_updated"],
            "seconds": seconds}
