"""What a run published, as one digest per table: the check that a faster pipeline writes the same tables.

Every table of a release file except the run's own bookkeeping is read in full, its rows as JSON sorted, and
hashed (SHA-256), with its row count beside it. Columns that differ between two runs of the same corpus are
left out: clock times, file mtimes, run ids and the fingerprints that contain them (``VOLATILE``).

``bench/expected_outputs.json`` holds the digests of seeds, dev, dev2 and dev+dev2 with its dates
(``tests/integration/test_identical_outputs.py`` compares every run of them against it). A change meant to
change what Rasd extracts writes it anew, and the diff of that file shows which tables it changed:

    python -m bench.outputs --write          # build the four corpora, write bench/expected_outputs.json
    python -m bench.outputs path/to/release.duckdb    # print one release file's digests
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
from pathlib import Path

import duckdb

from pipelines.lib.release import CONTRACT_VIEWS

EXPECTED = Path(__file__).with_name("expected_outputs.json")

# Columns that differ between two runs of the same corpus (two runs of the seeds in two folders, compared
# column by column): when the run ran and when the files were copied.
VOLATILE: dict[str, tuple[str, ...]] = {
    "raw_files": ("mtime", "ingested_at"),
    "pipeline_runs": ("run_id", "started_at", "finished_at", "input_fingerprint"),
}
# The run's own bookkeeping: stage timings, and fingerprints that hash the files' mtimes and the code version;
# and the tables that store a view of the contract, which is digested instead (``CONTRACT_VIEWS``).
SKIPPED = frozenset({"run_log", "stage_state", "marts_state",
                     *(table for tables in CONTRACT_VIEWS.values() for table in tables)})


def table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Per table of the connection's own database: its row count and the SHA-256 of its rows as JSON
    objects, sorted, without the ``VOLATILE`` columns."""
    tables = [row[0] for row in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main' "
        "union select view_name from duckdb_views() where database_name = current_database() and schema_name = 'main' "
        "and list_contains($views, view_name) order by 1", {"views": list(CONTRACT_VIEWS)}).fetchall()]
    return {table: table_digest(con, table, VOLATILE.get(table, ())) for table in tables if table not in SKIPPED}


def table_digest(con: duckdb.DuckDBPyConnection, table: str, excluded: tuple[str, ...] = ()) -> dict:
    """One table of the connection's own database: its row count and the SHA-256 of its rows (without the
    ``excluded`` columns) as JSON objects, sorted."""
    columns = f"* exclude ({', '.join(excluded)})" if excluded else "*"
    n_rows, digest = con.execute(
        f"select count(*), coalesce(sha256(string_agg(j, chr(10) order by j)), '') "
        f'from (select to_json(r)::varchar as j from (select {columns} from main."{table}") r)').fetchone()
    return {"rows": int(n_rows), "sha256": digest}


def release_digests(release: Path) -> dict[str, dict]:
    with duckdb.connect(str(release), read_only=True) as con:
        return table_digests(con)


def differences(expected: dict[str, dict], found: dict[str, dict]) -> list[str]:
    """One line per table whose rows differ, is missing, or is new."""
    lines = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None:
            lines.append(f"{table}: new table ({got['rows']} rows)")
        elif got is None:
            lines.append(f"{table}: missing (expected {want['rows']} rows)")
        elif want["rows"] != got["rows"]:
            lines.append(f"{table}: {got['rows']} rows, expected {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            lines.append(f"{table}: {got['rows']} rows as expected, but they differ")
    return lines


def dated_dev_corpus(shared: Path, folder: Path) -> Path:
    """dev and dev2 in one folder of links, with their metadata sidecars merged into its ``metadata.csv``
    (``../shared`` is read-only and third-party: linked, never copied)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for name in ("dev", "dev2"):
        for article in sorted((shared / "corpus" / name).glob("*.txt")):
            (folder / article.name).symlink_to(article)
        with open(shared / "corpus" / f"metadata-{name}.csv", encoding="utf-8") as fh:
            rows.extend(csv.DictReader(fh))
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def corpora(shared: Path, seeds: Path, scratch: Path) -> dict[str, Path]:
    """The corpora whose outputs ``EXPECTED`` holds, by name."""
    return {"seeds": seeds, "dev": shared / "corpus" / "dev", "dev2": shared / "corpus" / "dev2",
            "devall": dated_dev_corpus(shared, scratch / "devall-corpus")}


def main(argv: list[str] | None = None) -> int:
    from pipelines.cli import build_warehouse
    from pipelines.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", nargs="?", type=Path, help="print this release file's digests and stop")
    parser.add_argument("--write", action="store_true", help=f"build the corpora and write {EXPECTED.name}")
    parser.add_argument("--shared", type=Path, default=PROJECT_ROOT.parent / "shared")
    args = parser.parse_args(argv)
    if args.release is not None:
        print(json.dumps(release_digests(args.release), indent=1))
        return 0
    expected = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    found: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="rasd-outputs-") as tmp:
        scratch = Path(tmp)
        for name, corpus in corpora(args.shared, PROJECT_ROOT / "seeds" / "articles", scratch).items():
            release = scratch / f"{name}.duckdb"
            facts = build_warehouse(corpus, release, scratch / f"lake-{name}")
            if not facts["success"]:
                raise SystemExit(f"{name}: the run failed: {facts.get('failure')}")
            found[name] = release_digests(release)
            for line in differences(expected.get(name, {}), found[name]):
                print(f"{name}: {line}")
    if args.write:
        EXPECTED.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written {EXPECTED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
