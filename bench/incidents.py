"""Cost of the incidents stage at scale, on dated articles.

The generated benchmark corpora carry no dates (every claim then founds its own incident at no cost), so this
replicates a built, dated warehouse (e.g. dev + dev2 with their metadata.csv) ``--copies`` times, each copy's
articles shifted by ``--shift-days`` more days, and times the incidents stage over all of it from scratch
(every document placed), then once more after one copy's articles changed (the incremental case).

    .venv/bin/python -m bench.incidents --db /tmp/devall.duckdb --copies 480     # ≈ 100,000 articles
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from pipelines.settings import path_setting
from pipelines.stages.incidents import run_incidents

REPLICATE = """
create or replace table document_texts as
select t.* replace (t.doc_id || '#' || k as doc_id, t.published_at + to_days(cast(k * $2 as integer)) as published_at)
from document_texts t, range($1) r(k);
create or replace table document_decisions as
select d.* replace (d.doc_id || '#' || k as doc_id,
                    case when d.duplicate_of is null then null else d.duplicate_of || '#' || k end as duplicate_of)
from document_decisions d, range($1) r(k);
create or replace table sentences as
select s.* replace (s.doc_id || '#' || k as doc_id) from sentences s, range($1) r(k);
create or replace table casualty_claims as
select c.* replace (c.claim_id || '#' || k as claim_id, c.doc_id || '#' || k as doc_id,
                    null::varchar as incident_id, null::varchar as revises_claim_id,
                    null::varchar as part_of_claim_id, null::date as event_date_low, null::date as event_date_high,
                    null::varchar as event_date_basis)
from casualty_claims c, range($1) r(k);
delete from incidents;
delete from stage_state where stage = 'incidents';
insert into stage_state select 'claims', doc_id, 'bench' from documents;
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="a built warehouse with dated documents")
    ap.add_argument("--copies", type=int, default=480)
    ap.add_argument("--shift-days", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        shutil.copy(a.db, db)
        con = duckdb.connect(str(db))
        for statement in REPLICATE.split(";"):
            if statement.strip():
                params = [a.copies, a.shift_days] if "$2" in statement else [a.copies] if "$1" in statement else []
                con.execute(statement, params)
        n_docs = con.execute("select count(*) from documents").fetchone()[0]
        n_claims = con.execute("select count(*) from casualty_claims").fetchone()[0]
        start, cpu = time.perf_counter(), time.process_time()
        full = run_incidents(con, path_setting("RASD_REFERENCE"))
        full_s, full_cpu = time.perf_counter() - start, time.process_time() - cpu
        con.execute("update stage_state set fingerprint = 'changed' where stage = 'claims' and doc_id like '%#7'")
        start = time.perf_counter()
        again = run_incidents(con, path_setting("RASD_REFERENCE"))
        again_s = time.perf_counter() - start
        n_incidents = con.execute("select count(*) from incidents").fetchone()[0]
    print(f"{n_docs} articles, {n_claims} claims -> {n_incidents} incidents")
    print(f"from scratch: {full_s:.1f} s wall, {full_cpu:.1f} s CPU (clustering alone {full['seconds_clustering']} s),"
          f" {full}")
    print(f"one copy changed: {again_s:.1f} s, {again}")


if __name__ == "__main__":
    main()
