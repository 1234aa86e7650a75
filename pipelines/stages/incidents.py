"""Stage 6: claims → event dates, breakdowns, incidents and revisions (``incidents``, ``casualty_claims`` columns).

Only documents whose claims, article date or status changed since the stage last placed them are placed
again: their claims leave their incidents, are dated, and join the incidents they fit (stored ones are read
for the window of dates the new claims reach) or found new ones; then every incident that gained or lost a
claim is rewritten from its claims in SQL. Incidents nothing touched keep their rows and ids.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from pipelines.lib.arabic.normalize import normalize_with_origin
from pipelines.lib.digest import PACKAGE_DIR, code_of, files_and_code_version
from pipelines.lib.duck_inputs import fetch_frame, frames_registered
from pipelines.lib.incidents.cluster import (
    DISTINCTIVE_DAYS,
    LATE_DAYS,
    EventClaim,
    Place,
    Profile,
    assign_incidents,
)
from pipelines.lib.incidents.event_dates import TimeExpression, nearest_date, refers_back, time_expressions
from pipelines.lib.incidents.roles import IncidentWords, Member, breakdown_totals, load_incident_words, revisions
from pipelines.lib.incidents.time_words import TimeWords, load_time_words
from pipelines.lib.sql import sql, sql_files
from pipelines.stages.common import log_stage, run_script

INCIDENT_PREFIX = "inc:"
PLACED_SCHEMA = {
    "claim_id": pl.String, "incident_id": pl.String, "event_date_low": pl.Date, "event_date_high": pl.Date,
    "event_date_basis": pl.String, "part_of_claim_id": pl.String,
}


@cache
def incidents_code() -> tuple[tuple[str, Path], ...]:
    """The code that places claims in incidents: this stage, the incident modules and every module of the project
    they import (the normaliser its dates read, the word tries of its patterns), not the code taking versions."""
    return code_of([Path(__file__), *sorted((PACKAGE_DIR / "lib" / "incidents").glob("*.py"))])


def incidents_version(reference_dir: Path) -> str:
    """The incident code, its SQL and its word lists: a change places every document again."""
    files = [reference_dir / "time_words.yaml", reference_dir / "incident_words.yaml",
             *(p for p in sql_files("staging") if p.stem.startswith("incidents_"))]
    return files_and_code_version(files, code_files=incidents_code())


def _place(location_id: str | None, admin1: str | None, precision: int | None, broad: bool | None) -> Place:
    return Place(location_id, admin1, precision, bool(broad))


# How many evidence sentences _Sentences keeps. Unbounded, the cache held every distinct evidence sentence of a
# first run: +486 MB at 100,000 articles whose 299,463 evidence sentences all differ (the bench's corpus repeats
# 1,903 of them: +3 MB). A sentence's claims come one after another, but copies of an article repeat its sentences
# further on: kept this many, the 42,757 distinct ones of a 100k corpus with varied counts are read as often as
# unbounded (4.9 CPU-s; 16,384 kept: 6.4).
_SENTENCES_KEPT = 65_536


def _bounded(cache: dict, limit: int) -> dict:
    """``cache``, emptied first when it holds ``limit`` entries (the answers are pure: emptying costs time, never
    a different answer)."""
    if len(cache) >= limit:
        cache.clear()
    return cache


class _Sentences:
    """Each evidence sentence normalised once, with the map from display offsets to normalised ones (the
    claims of one sentence share it, and its time expressions), kept for up to ``limit`` sentences at a time."""

    def __init__(self, words: TimeWords, limit: int = _SENTENCES_KEPT) -> None:
        self.words = words
        self.limit = limit
        self._norm: dict[str, tuple[str, array[int]]] = {}
        self._times: dict[tuple[str, date | None], list[TimeExpression]] = {}
        self._refers_back: dict[str, bool] = {}

    def norm(self, sentence: str) -> str:
        return self._normalised(sentence)[0]

    def offset(self, sentence: str, display_at: int) -> int:
        # bisect: np.searchsorted called for one value at a time was a fifth of _date_claims' time.
        return bisect_left(self._normalised(sentence)[1], max(0, display_at))

    def refers_back(self, sentence: str) -> bool:
        """Whether the sentence names its attack definitely (``event_dates.refers_back``), once per sentence."""
        found = self._refers_back.get(sentence)
        if found is None:
            found = _bounded(self._refers_back, self.limit)[sentence] = refers_back(self.norm(sentence), self.words)
        return found

    def times(self, sentence: str, published: date | None) -> list[TimeExpression]:
        key = (sentence, published)
        found = self._times.get(key)
        if found is None:
            found = _bounded(self._times, self.limit)[key] = time_expressions(self.norm(sentence), published,
                                                                               self.words)
        return found

    def _normalised(self, sentence: str) -> tuple[str, array[int]]:
        found = self._norm.get(sentence)
        if found is None:
            norm, origin = normalize_with_origin(sentence)
            # A C int array: searched by bisect without a NumPy call per claim, in half the memory of the int64
            # map.
            packed = array("i")
            packed.frombytes(origin.astype(np.intc).tobytes())
            found = _bounded(self._norm, self.limit)[sentence] = norm, packed
        return found


# The columns of staging/incidents_claims.sql that dating and placing read, in the order _date_claims unpacks them.
_CLAIM_COLUMNS = ("claim_id", "doc_id", "sentence_no", "scope", "outcome", "count_low", "cause", "perpetrator_actor_id",
                  "location_id", "admin1", "geo_precision", "broad_place", "published", "evidence", "phrase_at",
                  "phrase_end")


def _rows(frame: pl.DataFrame, columns: tuple[str, ...], chunk: int = 20_000) -> Iterator[tuple]:
    """The rows of ``frame``'s ``columns`` as tuples, read column by column a chunk at a time (all at once, the
    evidence texts of a first run at 100,000 articles held 150 MB more)."""
    for part in frame.select(columns).iter_slices(chunk):
        yield from zip(*(part.get_column(name).to_list() for name in columns), strict=True)


def _date_claims(claims: pl.DataFrame, words: TimeWords, roles: IncidentWords) -> tuple[list[EventClaim], pl.DataFrame]:
    """Each event claim dated and each breakdown tied to its total: the claims to cluster, and the rows to write
    (cumulative claims get no date and no incident)."""
    events: list[EventClaim] = []
    rows: list[dict] = []
    sentences = _Sentences(words)
    per_doc: dict[str, list[tuple[str, int, str, int | None, bool]]] = {}
    # Column by column, not a dict per claim from iter_rows(named=True). With offsets by bisect and refers_back once
    # per sentence: 6.3-6.8 -> 4.0-4.1 CPU-s for the 299,463 claims of a first run at 100,000 articles.
    for (claim_id, doc_id, sentence_no, scope, outcome, count_low, cause, perpetrator, location_id, admin1,
         precision, broad, published, sentence, phrase_at, phrase_end) in _rows(claims, _CLAIM_COLUMNS):
        if scope != "event":
            rows.append({"claim_id": claim_id, "incident_id": None, "event_date_low": None,
                         "event_date_high": None, "event_date_basis": None, "part_of_claim_id": None})
            continue
        at, end = sentences.offset(sentence, phrase_at), sentences.offset(sentence, phrase_end)
        norm = sentences.norm(sentence)
        when = nearest_date(sentences.times(sentence, published), at, max(at, end), published, words)
        breakdown = roles.is_breakdown(norm, at)
        per_doc.setdefault(doc_id, []).append((claim_id, sentence_no, outcome, count_low, breakdown))
        events.append(EventClaim(
            claim_id, doc_id, published, _place(location_id, admin1, precision, broad),
            cause, perpetrator, when.low, when.high, when.basis, sentences.refers_back(sentence)))
        rows.append({"claim_id": claim_id, "incident_id": None, "event_date_low": when.low,
                     "event_date_high": when.high, "event_date_basis": when.basis, "part_of_claim_id": None})
    totals: dict[str, str] = {}
    for doc_claims in per_doc.values():
        totals.update(breakdown_totals(doc_claims))
    for row in rows:
        row["part_of_claim_id"] = totals.get(row["claim_id"])
    return events, pl.DataFrame(rows, schema=PLACED_SCHEMA)


def _known(con: duckdb.DuckDBPyConnection, events: list[EventClaim]) -> list[Profile]:
    lows = [e.low for e in events if e.low is not None]
    if not lows:
        return []
    # as far back as an undated recall reaches, as far ahead as a rare act's reports may be dated
    window = (min(lows) - timedelta(days=LATE_DAYS + 1),
              max(e.high for e in events if e.high is not None) + timedelta(days=DISTINCTIVE_DAYS + 1))
    known = []
    for r in fetch_frame(con, sql("staging/incidents_known"), list(window)).iter_rows(named=True):
        profile = Profile(r["incident_id"], _place(r["location_id"], r["admin1"], r["geo_precision"], r["broad_place"]),
                          r["event_date_low"], r["event_date_high"], r["date_basis"])
        if r["cause"] and r["cause"] != "unknown":
            profile.causes[r["cause"]] += 1
        if r["perpetrator_actor_id"]:
            profile.perpetrators[r["perpetrator_actor_id"]] += 1
        profile.absorb_counts()
        known.append(profile)
    return known


def _revisions(con: duckdb.DuckDBPyConnection, roles: IncidentWords, words: TimeWords) -> pl.DataFrame:
    members = fetch_frame(con, sql("staging/incidents_members"))
    sentences = _Sentences(words)
    out: list[dict] = []
    # The rows come ordered by incident, each incident's in article order: one pass cuts them into chains
    # (a Polars group_by iterated group by group built a frame per incident: a third of the stage at 10,000
    # articles).
    chain: list[Member] = []
    current = None
    for (claim_id, incident_id, outcome, victim_group, count_low, quantified, part_of, doc_id, evidence,
         phrase_at) in members.select(_MEMBER_COLUMNS).iter_rows():
        if incident_id != current:
            out.extend(_chain_revisions(chain))
            chain, current = [], incident_id
        # The cue is read only where ``revisions`` can use it: a quantified total, no breakdown, after another
        # claim of its incident. Most incidents hold one claim: at 100,000 bench articles 73,424 of 259,566
        # members are read, and this loop takes 1.8 CPU-s instead of 2.6.
        can_revise = bool(chain) and part_of is None and quantified and count_low is not None
        cue = can_revise and roles.is_revision(sentences.norm(evidence), sentences.offset(evidence, phrase_at))
        chain.append(Member(claim_id, doc_id, outcome, victim_group, count_low, quantified, part_of is not None, cue))
    out.extend(_chain_revisions(chain))
    return pl.DataFrame(out, schema={"claim_id": pl.String, "revises_claim_id": pl.String})


_MEMBER_COLUMNS = ("claim_id", "incident_id", "outcome", "victim_group", "count_low", "quantified",
                   "part_of_claim_id", "doc_id", "evidence", "phrase_at")


def _chain_revisions(chain: list[Member]) -> list[dict]:
    """Each claim of one incident's chain with the earlier claim it revises (or None)."""
    found = revisions(chain) if chain else {}
    return [{"claim_id": m.claim_id, "revises_claim_id": found.get(m.claim_id)} for m in chain]


def _incident_ids(con: duckdb.DuckDBPyConnection, assigned: dict[str, str]) -> dict[str, str]:
    """claim_id → incident_id: a stored incident keeps its id; a new one is named after its founding claim,
    with a suffix when a stored incident already has that name (its founder was placed elsewhere since)."""
    new = sorted({i for i in assigned.values() if not i.startswith(INCIDENT_PREFIX)})
    wanted = pl.DataFrame({"incident_id": [INCIDENT_PREFIX + i for i in new]}, schema={"incident_id": pl.String})
    with frames_registered(con, {"new_incident_ids": wanted}, read_once={"new_incident_ids"}):
        taken = {r[0] for r in con.execute(sql("staging/incidents_taken_ids")).fetchall()}
    names: dict[str, str] = {}
    for founder in new:
        name, n = INCIDENT_PREFIX + founder, 1
        while name in taken:
            n += 1
            name = f"{INCIDENT_PREFIX}{founder}:{n}"
        taken.add(name)
        names[founder] = name
    return {claim: names.get(i, i) for claim, i in assigned.items()}


def _has_claimant_column(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute(sql("staging/incidents_claimant_column")).fetchone()[0] > 0


def run_incidents(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> dict:
    start = time.perf_counter()
    version = incidents_version(reference_dir)
    todo = fetch_frame(con, sql("staging/incidents_todo"), [version])
    if todo.height == 0:
        log_stage(con, "incidents", 0, 0, time.perf_counter() - start)
        return {"documents_placed": 0, "claims_placed": 0, "incidents_rewritten": 0, "seconds_clustering": 0.0}
    words = load_time_words(reference_dir / "time_words.yaml")
    roles = load_incident_words(reference_dir / "incident_words.yaml")
    con.begin()
    run_script(con, "staging/incidents_detach", {"todo_docs": todo.select("doc_id")})
    with frames_registered(con, {"todo_docs": todo.select("doc_id")}):     # read by three subqueries
        claims = fetch_frame(con, sql("staging/incidents_claims"))
    events, placed = _date_claims(claims, words, roles)
    clustering = time.perf_counter()
    assigned = assign_incidents(events, _known(con, events), roles.distinctive_causes)
    clustering = time.perf_counter() - clustering
    placed = placed.with_columns(
        pl.col("claim_id").replace_strict(_incident_ids(con, assigned), default=None, return_dtype=pl.String)
        .alias("incident_id"))
    run_script(con, "staging/incidents_write", {"placed": placed.select(list(PLACED_SCHEMA))})
    run_script(con, "staging/incidents_revisions", {"revisions": _revisions(con, roles, words)})
    source_view = "incidents_sources_by_claimant" if _has_claimant_column(con) else "incidents_sources_by_claimed_by"
    con.execute(sql(f"staging/{source_view}"))
    con.execute(sql("staging/incidents_refresh"))
    n_rewritten = con.execute(sql("staging/incidents_affected_count")).fetchone()[0]
    run_script(con, "staging/incidents_done", {"todo_docs": todo})
    con.commit()
    log_stage(con, "incidents", todo.height, todo.height, time.perf_counter() - start)
    return {"documents_placed": todo.height, "claims_placed": len(events), "incidents_rewritten": int(n_rewritten),
            "seconds_clustering": round(clustering, 3)}
