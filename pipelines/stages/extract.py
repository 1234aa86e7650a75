"""Stages 4 and 5: sentences → actor/location mentions, then → casualty claims.

Only documents whose normalised text or reference data changed since they were
last extracted are processed; their old rows are replaced. An exact copy of another document (a wire story
reprinted word for word, which dedup found) is not read again: it gets that document's rows (``_exact_copies``).

Extraction is pure Python over each document, so a batch is cut into parts of whole documents that
worker processes read (``RASD_WORKERS``, default one per core; 1 reads in this process), or the workers of
a Dask cluster when ``RASD_DASK_SCHEDULER`` names one (:mod:`pipelines.lib.compute`). In a Dagster run the
two stages share one pool (:func:`extraction_pool`), started with the run on a large corpus, and use it for
any work of two parts or more: a 1,000-document run is one batch, which one process read alone. This process
alone talks to DuckDB: it reads each batch, hands its parts out, and writes the batch when all its parts
are back, in order — the tables come out exactly as one process would write them. Workers build the
reference automata once each; a few parts are in flight at a time, so memory holds a few batches.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import lru_cache, partial
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.batch_pool import WorkerPool, pool_size
from pipelines.lib.build_cache import cached_build
from pipelines.lib.compute import Local, fan_out
from pipelines.lib.duck_inputs import fetch_frame, frames_registered
from pipelines.lib.extract.claim_patterns import CompiledLexicon, compile_lexicon, remember_compiled
from pipelines.lib.extract.claims import CLAIM_SCHEMA, claim_key, extract_claims
from pipelines.lib.extract.mentions import (
    MentionResult,
    ReferenceData,
    combine_results,
    find_mentions,
    load_reference,
)
from pipelines.lib.offsets import spans_off_their_sentence
from pipelines.lib.reference.claim_lexicon import ClaimLexicon, load_claim_lexicon
from pipelines.lib.reference.version import claims_version, mentions_version
from pipelines.lib.sql import sql
from pipelines.stages.common import batches, log_stage, one_commit, run_script, scalar, tune_for_bulk_writes

BATCH = 2000
# Documents per worker task: small enough that both cores stay busy to the end of a 10,000-document run.
PART = 500


@lru_cache(maxsize=4)
def _reference(reference_dir: Path, version: str, cache_dir: Path | None = None) -> ReferenceData:
    """Automata and tables built once per process for a given version of the reference data and code
    (``mentions_version``: part of the key so an edited dictionary is picked up), and kept under ``cache_dir``
    for the next process."""
    return cached_build(cache_dir, "mentions-reference", version, partial(load_reference, reference_dir))


def _build_lexicon(reference_dir: Path) -> tuple[ClaimLexicon, CompiledLexicon]:
    lex = load_claim_lexicon(reference_dir)
    return lex, compile_lexicon(lex)


@lru_cache(maxsize=4)
def _lexicon(reference_dir: Path, version: str, cache_dir: Path | None = None) -> ClaimLexicon:
    """The claim lexicon, its patterns compiled, once per process for a given version of the reference data
    and code (``claims_version``), and kept under ``cache_dir`` for the next process (reading and compiling it:
    85 ms, loading it: 25 ms, the patterns' regexes recompiled)."""
    lex, compiled = cached_build(cache_dir, "claims-lexicon", version, partial(_build_lexicon, reference_dir))
    remember_compiled(lex, compiled)
    return lex


def _warm_worker(reference_dir: Path, versions: tuple[str, str], cache_dir: Path | None) -> None:
    """What a worker process does first: load the mention automata and the claim lexicon both stages use.
    Never raises: an initializer that fails breaks the pool, and its steps would fail with "a process in the
    pool was terminated abruptly"; the stage's first part loads the data again and fails with the loader's own
    message (a reference file that does not validate names its line)."""
    try:
        mentions, claims = versions
        _reference(reference_dir, mentions, cache_dir)
        _lexicon(reference_dir, claims, cache_dir)
    except Exception:       # noqa: BLE001, S110 - reported by the stage's own load, see above
        pass


def extraction_pool(workers: int, reference_dir: Path, cache_dir: Path | None = None) -> WorkerPool:
    """The worker processes the mentions and claims stages of a run share, each loading the reference data
    (of its version now) as it starts."""
    versions = (mentions_version(reference_dir), claims_version(reference_dir))
    return WorkerPool(workers, partial(_warm_worker, reference_dir, versions, cache_dir))


def _local(pool: WorkerPool | None, n_documents: int, n_batches: int) -> Local:
    """Where a stage's parts run: the run's shared pool once the documents make two parts; without one, a pool
    of the stage's own for two batches or more (starting processes for one batch cost more than they gave)."""
    if pool is None:
        return pool_size(n_batches)
    return pool if pool.workers > 1 and n_documents > PART else "inline"


def _todo(con: duckdb.DuckDBPyConnection, stage: str, version: str) -> pl.DataFrame:
    return fetch_frame(con, sql("staging/stage_todo"), [stage, version])


def _drop_earlier(con: duckdb.DuckDBPyConnection, stage: str, todo: pl.DataFrame, batch_no: int) -> None:
    """In the commit that writes the first batch of ``stage``, drop what an earlier extraction wrote for every
    document of the stage's ``todo`` (``<stage>_drop_earlier.sql``: one delete per table for all of them); each
    batch then writes its documents as if never extracted. Documents never extracted run no statement here."""
    if batch_no == 0 and todo["extracted_before"].any():
        run_script(con, f"staging/{stage}_drop_earlier",
                   {"todo_docs": todo.filter(pl.col("extracted_before")).select("doc_id")})


def _exact_copies(con: duckdb.DuckDBPyConnection, todo: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``todo`` whose document is an exact copy of another one (a wire story reprinted word for word),
    with that document as its ``twin``: the canonical document dedup made it a duplicate of, ingested with the same
    title and body and cleaned alike (``extract_copies.sql``), hence with the same sentences. Extraction reads
    nothing of a document but its sentences, so a copy's rows are its twin's under its own doc_id: the stage
    extracts the twin (first, when it is in the todo too) and copies them."""
    none = todo.clear().with_columns(pl.lit(None, dtype=pl.String).alias("twin"))
    candidates = todo.filter(pl.col("duplicate_of").is_not_null()).select("doc_id", twin="duplicate_of")
    if not candidates.height:      # a run with no duplicate to extract reads nothing more (0.1 s at 100k)
        return none
    with frames_registered(con, {"copy_candidates": candidates}, read_once={"copy_candidates"}):
        pairs = fetch_frame(con, sql("staging/extract_copies"))
    copies = pairs.filter(pl.col("title").eq_missing(pl.col("twin_title"))).select("doc_id", "twin")
    return todo.join(copies, on="doc_id", how="inner", maintain_order="left") if copies.height else none


def _rows_for_copies(con: duckdb.DuckDBPyConnection, table: str, columns: list[str] | None,
                     copies: pl.DataFrame) -> pl.DataFrame:
    """The ``columns`` (None: all) extraction writes to ``table``, of each copy's twin's rows, as the copy's own (its
    doc_id), a copy's rows in the order its twin's were written, as extraction would write them. (Columns a later
    stage fills in, such as a claim's incident, are left for that stage, as extraction leaves them.)"""
    listed = ", ".join(f'd."{c}"' for c in columns) if columns else "d.*"
    query = sql("staging/rows_of_twins").format(table=table, columns=listed)
    with frames_registered(con, {"twin_docs": copies.select(pl.col("twin").unique().alias("doc_id"))},
                           read_once={"twin_docs"}):
        rows = fetch_frame(con, query)
    return (copies.select("doc_id", "twin")
            .join(rows.with_row_index("_order").rename({"doc_id": "twin"}), on="twin", how="inner")
            .sort("doc_id", "_order")
            .select(rows.columns))


def _without(todo: pl.DataFrame, copies: pl.DataFrame) -> pl.DataFrame:
    """The documents of ``todo`` to extract: all but the exact copies."""
    return todo.filter(~pl.col("doc_id").is_in(copies["doc_id"].implode())) if copies.height else todo


def _claims_for_copies(con: duckdb.DuckDBPyConnection, copies: pl.DataFrame) -> pl.DataFrame:
    """The twins' claims as the copies' own, each with the claim_id extraction gives it in the copy."""
    claims = _rows_for_copies(con, "casualty_claims", list(CLAIM_SCHEMA), copies)
    keys = claims.select("doc_id", "sentence_no", "char_start", "outcome", "victim_group").iter_rows()
    return claims.with_columns(pl.Series("claim_id", [claim_key(*key) for key in keys], dtype=pl.String))


def _write_copies(con: duckdb.DuckDBPyConnection, stage: str, todo: pl.DataFrame, copies: pl.DataFrame,
                  first_write: bool, rows: dict[str, pl.DataFrame]) -> None:
    """The copies' rows (``<stage>_copy.sql``) and stage marks in one commit; ``first_write``: no batch was
    extracted, so this commit also drops what an earlier extraction wrote for the stage's todo."""
    with one_commit(con):
        if first_write:
            _drop_earlier(con, stage, todo, 0)
        run_script(con, f"staging/{stage}_copy", {"copy_docs": copies.select("doc_id", "fingerprint"), **rows})


def _sentences(con: duckdb.DuckDBPyConnection, docs: pl.DataFrame) -> pl.DataFrame:
    with frames_registered(con, {"batch_docs": docs}, read_once={"batch_docs"}):
        return fetch_frame(con, sql("staging/batch_sentences"))


def _parts(sents: pl.DataFrame) -> list[pl.DataFrame]:
    """The batch's sentences in document order, cut into parts of ``PART`` whole documents."""
    sents = sents.sort("doc_id", "sentence_no")
    part = (pl.col("doc_id").rle_id() // PART).alias("_part")
    return [p.drop("_part") for p in sents.with_columns(part).partition_by("_part", maintain_order=True)] or [sents]


def _mentions_part(reference_dir: Path, version: str, cache_dir: Path | None,
                   task: tuple[int, pl.DataFrame]) -> tuple[int, MentionResult]:
    batch_no, sents = task
    return batch_no, find_mentions(sents, _reference(reference_dir, version, cache_dir))


def _claims_part(reference_dir: Path, version: str, cache_dir: Path | None, actors: pl.DataFrame,
                 locations: pl.DataFrame,
                 task: tuple[int, pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> tuple[int, pl.DataFrame]:
    batch_no, sents, am, lm = task
    return batch_no, extract_claims(sents, am, lm, actors, locations, _lexicon(reference_dir, version, cache_dir))


def _by_batch(results: Iterator[tuple[int, object]], n_batches: int) -> Iterator[tuple[int, list]]:
    """Results of parts, in order, gathered into the list of each batch's parts."""
    current, parts = 0, []
    for batch_no, result in results:
        if batch_no != current:
            yield current, parts
            current, parts = batch_no, []
        parts.append(result)
    if n_batches:
        yield current, parts


def run_mentions(con: duckdb.DuckDBPyConnection, reference_dir: Path, scheduler: str = "",
                 cache_dir: Path | None = None, pool: WorkerPool | None = None) -> dict:
    """Actors and places of the documents whose mentions are not of the current ``mentions_version``.
    ``cache_dir``: where the built reference data is kept between processes (None: built by each); ``pool``:
    the run's shared worker processes (:func:`extraction_pool`)."""
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    version = mentions_version(reference_dir)
    todo = _todo(con, "mentions", version)
    copies = _exact_copies(con, todo)
    extract = _without(todo, copies)
    n_actor = n_loc = n_sent = 0
    need_dictionary = con.execute("select count(*) from actors").fetchone()[0] == 0
    # Only copies to make: every twin's mentions are current, and so are the reference rows.
    if extract.height or need_dictionary:
        con.execute("delete from actors where source = 'dictionary'")
        con.execute("delete from locations where source <> 'detected'")
    if todo.height and todo.height == scalar(con, "select count(*) from documents where status <> 'deleted'"):
        run_script(con, "staging/mentions_forget_detected", {})
    groups = list(batches(extract, BATCH)) or ([extract] if need_dictionary else [])
    sentences: list[int] = []
    # Each batch's sentences until its mentions are back, to check their offsets against (a few batches at most).
    held: dict[int, pl.DataFrame] = {}
    off = {"actor_mentions__slice_back_to_surface": 0, "location_mentions__slice_back_to_surface": 0}

    def tasks() -> Iterator[tuple[int, pl.DataFrame]]:
        for batch_no, batch in enumerate(groups):
            sents = held[batch_no] = _sentences(con, batch)
            sentences.append(sents.height)
            yield from ((batch_no, part) for part in _parts(sents))

    # Building the automata costs seconds: a run with nothing to extract never pays it.
    # Dask workers may not share this machine's disk: they build the reference themselves.
    cache = None if scheduler else cache_dir
    results = fan_out(partial(_mentions_part, reference_dir, version, cache), tasks(), scheduler,
                      _local(pool, todo.height, len(groups)))
    for batch_no, parts in _by_batch(results, len(groups)):
        res = combine_results(parts)
        n_actor += res.actor_mentions.height
        n_loc += res.location_mentions.height
        sents = held.pop(batch_no)
        off["actor_mentions__slice_back_to_surface"] += spans_off_their_sentence(sents, res.actor_mentions, "surface")
        off["location_mentions__slice_back_to_surface"] += spans_off_their_sentence(
            sents, res.location_mentions, "surface")
        with one_commit(con):
            _drop_earlier(con, "mentions", todo, batch_no)
            run_script(con, "staging/mentions_merge", {
                "batch_docs": groups[batch_no], "batch_actor_mentions": res.actor_mentions,
                "batch_location_mentions": res.location_mentions, "batch_actors": res.actors,
                "batch_locations": res.locations,
            })
    if copies.height:
        am = _rows_for_copies(con, "actor_mentions", None, copies)
        lm = _rows_for_copies(con, "location_mentions", None, copies)
        n_actor, n_loc = n_actor + am.height, n_loc + lm.height
        _write_copies(con, "mentions", todo, copies, not groups,
                      {"copy_actor_mentions": am, "copy_location_mentions": lm})
    n_sent = sum(sentences)
    seconds = time.perf_counter() - start
    log_stage(con, "mentions", todo.height, todo.height, seconds)
    return {"documents_processed": todo.height, "documents_copied": copies.height, "sentences": n_sent,
            "actor_mentions": n_actor, "location_mentions": n_loc,
            "sentences_per_second": round(n_sent / seconds, 1) if seconds else None, **off}


def _batch_mentions(con: duckdb.DuckDBPyConnection, batch: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    with frames_registered(con, {"batch_docs": batch}):
        am = fetch_frame(con, "select * from actor_mentions where doc_id in (select doc_id from batch_docs)")
        lm = fetch_frame(con, "select * from location_mentions where doc_id in (select doc_id from batch_docs)")
    return am, lm


def run_claims(con: duckdb.DuckDBPyConnection, reference_dir: Path, scheduler: str = "",
               cache_dir: Path | None = None, pool: WorkerPool | None = None) -> dict:
    """Casualty claims of the documents whose claims are not of the current ``claims_version``.
    ``cache_dir``: where the compiled claim lexicon is kept between processes (None: compiled by each);
    ``pool``: the run's shared worker processes (:func:`extraction_pool`)."""
    start = time.perf_counter()
    tune_for_bulk_writes(con)
    version = claims_version(reference_dir)
    todo = _todo(con, "claims", version)
    actors = fetch_frame(con, "select * from actors")
    locations = fetch_frame(con, "select * from locations")
    copies = _exact_copies(con, todo)
    groups = list(batches(_without(todo, copies), BATCH))
    sentences: list[int] = []
    held: dict[int, pl.DataFrame] = {}     # as in run_mentions
    off_phrase = 0

    def tasks() -> Iterator[tuple[int, pl.DataFrame, pl.DataFrame, pl.DataFrame]]:
        for batch_no, batch in enumerate(groups):
            sents = held[batch_no] = _sentences(con, batch)
            sentences.append(sents.height)
            am, lm = _batch_mentions(con, batch)
            for part in _parts(sents):
                docs = part.get_column("doc_id").unique().to_list()
                # The mention frames keep their order (DuckDB's insertion order): ties in a sentence depend on it.
                yield batch_no, part, am.filter(pl.col("doc_id").is_in(docs)), lm.filter(pl.col("doc_id").is_in(docs))

    n_claims = 0
    cache = None if scheduler else cache_dir       # Dask workers may not share this machine's disk
    results = fan_out(partial(_claims_part, reference_dir, version, cache, actors, locations), tasks(), scheduler,
                      _local(pool, todo.height, len(groups)))
    for batch_no, parts in _by_batch(results, len(groups)):
        claims = pl.concat(parts)
        n_claims += claims.height
        off_phrase += spans_off_their_sentence(held.pop(batch_no), claims, "mention_text")
        with one_commit(con):
            _drop_earlier(con, "claims", todo, batch_no)
            run_script(con, "staging/claims_merge", {"batch_docs": groups[batch_no], "batch_claims": claims})
    if copies.height:
        claims = _claims_for_copies(con, copies)
        n_claims += claims.height
        _write_copies(con, "claims", todo, copies, not groups, {"copy_claims": claims})
    n_sent = sum(sentences)
    seconds = time.perf_counter() - start
    log_stage(con, "claims", todo.height, todo.height, seconds)
    return {"documents_processed": todo.height, "documents_copied": copies.height, "sentences": n_sent,
            "claims": n_claims, "sentences_per_second": round(n_sent / seconds, 1) if seconds else None,
            "casualty_claims__offsets_slice_back_to_phrase": off_phrase}
