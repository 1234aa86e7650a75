"""Every table lives in a DuckLake lakehouse: one connection factory for the embedded and the scaled setup.

Embedded (the default, no server): the catalog is a SQLite file (``<lake>/catalog.sqlite``) and the data
Parquet files under ``<lake>/tables/``. Scaled: the catalog is a PostgreSQL database and the data path an
``s3://`` bucket (a DuckDB S3 secret on the connection). The same SQL runs on both: the lake is attached as
``lake`` and made the default catalog, so stage SQL names tables unqualified.

Publication is by snapshot. A run commits as it goes (each commit a DuckLake snapshot); its last commit,
which also appends its ``pipeline_runs`` row, carries the commit message ``publish`` and, as extra info,
the run's id and number. Readers attach the lake read-only at the newest such snapshot, so they never see
a half-written run, and "as of run N" is the snapshot tagged with run number N. A run that ends without
changing anything tags its last commit ``unchanged`` instead (clean, but nothing new to read). Commits
after the newest tagged one belong to a run that died or failed: the next run puts every table they
touched back as it was at that snapshot (:func:`restore_published`) before it starts.

Extensions come from PyPI wheels (``duckdb-extension-*``) and are loaded by path: an ATTACH that has to
find them itself tries to download them, which fails offline.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.lib.duck_inputs import execute, sql_literal, temporary_setting
from pipelines.lib.extension_check import checked_before, remember_checked
from pipelines.lib.sql import sql

LAKE = "lake"
METADATA = f"__ducklake_metadata_{LAKE}"
AUTHOR = "rasd"
PUBLISH = "publish"
UNCHANGED = "unchanged"
COMPACTED = "compacted"
# Commits that end a run or a compaction cleanly: a run starts from the newest one (restore_published).
RESTORED = "restored"
# A migration of the lake's layout (lib/warehouse.apply_ddl) made at a clean end: the same rows, stored anew. A
# run that dies after it is rolled back to it, not across it (which would drop the tables it renamed).
MIGRATED = "migrated"
_CLEAN_ENDS = (PUBLISH, UNCHANGED, COMPACTED, RESTORED, MIGRATED)

# Which changes of a snapshot name tables by id: every one of them rewrote rows or the table's shape.
_TABLE_ID_CHANGES = ("tables_inserted_into", "tables_deleted_from", "inlined_insert", "inlined_delete",
                     "tables_altered", "tables_compacted", "merge_adjacent", "flushed_inlined")


@dataclass(frozen=True)
class LakeConfig:
    """Where a lake is: its catalog (what DuckLake's ATTACH takes after ``ducklake:``), its data path, and
    the S3 endpoint and credentials when the data path is ``s3://…``."""

    catalog: str
    data_path: str
    s3_endpoint: str = ""
    s3_access_key: str = ""
    s3_secret_key: str = ""
    s3_region: str = "us-east-1"
    s3_use_ssl: bool = False
    memory_limit: str = "1GB"
    threads: int = 1
    # The embedded default: catalog and data files in one folder, so the folder may be moved or copied as a
    # whole. DuckLake stores the data path it was created with (absolute) and refuses another one; file
    # paths inside it are relative, so attaching with the folder's current data path and
    # ``override_data_path`` reads the same files where they are now.
    relocatable: bool = False
    # Where the extension files whose signature DuckDB checked are recorded (lib/extension_check), so later
    # processes load them unchecked; None: every process checks them once.
    extension_record: Path | None = None

    @property
    def catalog_kind(self) -> str:
        return self.catalog.split(":", 1)[0]

    @property
    def on_s3(self) -> bool:
        return self.data_path.startswith("s3://")

    @property
    def catalog_file(self) -> Path | None:
        """The catalog's file for an embedded (sqlite / duckdb) catalog, else None."""
        kind, _, rest = self.catalog.partition(":")
        return Path(rest) if kind in ("sqlite", "duckdb") else None

    def lock_file(self, locks_dir: Path) -> Path:
        """The path whose ``.lock`` sibling serialises writers of this lake (``lib/writer_lock``): the catalog
        file itself when embedded, else a name derived from the catalog string under ``locks_dir``."""
        if self.catalog_file is not None:
            return self.catalog_file
        import hashlib

        return locks_dir / f"catalog-{hashlib.sha256(self.catalog.encode()).hexdigest()[:16]}"


def extension_path(name: str) -> Path:
    """The ``.duckdb_extension`` file inside the installed ``duckdb-extension-<name>`` wheel."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the DuckDB extension {name} is not installed (pip install duckdb-extension-{name})")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob(f"extensions/*/{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"duckdb-extension-{name} holds no {name}.duckdb_extension file")
    return found[-1]


def _extensions(config: LakeConfig) -> list[str]:
    names = ["ducklake"]
    names.append({"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}.get(config.catalog_kind, ""))
    if config.on_s3:
        names.append("httpfs")
    return [n for n in names if n]


def duckdb_settings(config: LakeConfig, verified: bool = False) -> dict[str, str | int | bool]:
    """Settings of every connection on the lake: the pipeline's memory limit and threads, and no extension
    ever fetched from the network (they are loaded by path); ``verified``: the extension files' signatures
    were checked already and the files are unchanged (``lib/extension_check``)."""
    return {"memory_limit": config.memory_limit, "threads": config.threads,
            "autoinstall_known_extensions": False, "allow_unsigned_extensions": verified}


def connect(config: LakeConfig, read_only: bool = False, snapshot: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as ``lake`` and used as the default catalog; ``snapshot``
    attaches it read-only as of that snapshot (time travel)."""
    paths = [extension_path(name) for name in _extensions(config)]
    checked = checked_before(paths, config.extension_record)
    con = duckdb.connect(config=duckdb_settings(config, verified=checked))
    try:
        for path in paths:
            con.execute(f"load {sql_literal(str(path))}")
        if not checked:
            remember_checked(paths, config.extension_record)
        if config.on_s3:
            execute(con,
                "create or replace secret rasd_lake_s3 (type s3, key_id $key, secret $secret, region $region, "
                "endpoint $endpoint, url_style 'path', use_ssl $ssl)",
                {"key": config.s3_access_key, "secret": config.s3_secret_key, "region": config.s3_region,
                 "endpoint": config.s3_endpoint, "ssl": config.s3_use_ssl})
        if config.catalog_file is not None and not read_only:
            config.catalog_file.parent.mkdir(parents=True, exist_ok=True)
        if not config.on_s3 and not read_only:
            Path(config.data_path).mkdir(parents=True, exist_ok=True)
        options = ["data_path $data", "data_inlining_row_limit 0"] if not read_only else []
        if config.relocatable:
            options = [*(options or ["data_path $data"]), "override_data_path true"]
        if read_only or snapshot is not None:
            options.append("read_only")
        if snapshot is not None:
            options.append(f"snapshot_version {int(snapshot)}")
        # ATTACH takes no bound parameters; the catalog and data path are quoted as SQL literals.
        attach = f"attach {sql_literal('ducklake:' + config.catalog)} as {LAKE}"
        if options:
            attach += " (" + ", ".join(o.replace("$data", sql_literal(config.data_path)) for o in options) + ")"
        con.execute(attach)
        con.execute(f"use {LAKE}")
        if not read_only and snapshot is None:
            # Article texts compress about 2.5x better with ZSTD than with Parquet's default (Snappy).
            con.execute(f"call {LAKE}.set_option('parquet_compression', 'zstd')")
    except BaseException:
        con.close()
        raise
    return con


def _read_options(config: LakeConfig) -> str:
    """The ATTACH options that find a relocatable lake's files where its folder is now (else none)."""
    if not config.relocatable:
        return ""
    return f"data_path {sql_literal(config.data_path)}, override_data_path true, "


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor on ``con``'s database with the lake as its default catalog (``use`` is per cursor)."""
    cur = con.cursor()
    cur.execute(f"use {LAKE}")
    return cur


def lake_exists(config: LakeConfig) -> bool:
    """Whether the lake has been created: an embedded catalog file exists; a server catalog is assumed."""
    return config.catalog_file is None or config.catalog_file.exists()


@dataclass(frozen=True)
class Publication:
    """A published run: the snapshot its last commit made, its number (1 for the lake's first run) and id, and
    the summary of the lake it published as the run recorded it in that commit (None: not recorded)."""

    snapshot_id: int
    run_no: int
    run_id: str
    committed_at: object
    summary: dict | None = None


def publications(con: duckdb.DuckDBPyConnection) -> list[Publication]:
    """Every published run still in the lake's history, oldest first."""
    rows = con.execute(
        f"select snapshot_id, commit_extra_info, snapshot_time from {LAKE}.snapshots() "
        f"where author = {sql_literal(AUTHOR)} and commit_message = {sql_literal(PUBLISH)} order by snapshot_id"
    ).fetchall()
    out = []
    for snapshot_id, extra, at in rows:
        info = json.loads(extra or "{}")
        out.append(Publication(snapshot_id, int(info.get("run_no", 0)), str(info.get("run_id", "")), at,
                               info.get("summary")))
    return out


def newest_publication(con: duckdb.DuckDBPyConnection) -> Publication | None:
    found = publications(con)
    return found[-1] if found else None


def tag_commit(con: duckdb.DuckDBPyConnection, message: str, run_id: str, run_no: int | None = None,
               summary: dict | None = None) -> None:
    """Tag the commit of the open transaction (``publish``, ``unchanged`` or ``compacted``) with the run's id
    and number, and for a publication the summary of what it publishes (read back as ``Publication.summary``)."""
    extra = json.dumps({"run_id": run_id, **({"run_no": run_no} if run_no is not None else {}),
                        **({"summary": summary} if summary is not None else {})})
    execute(con, f"call {LAKE}.set_commit_message($author, $message, extra_info => $extra)",
                {"author": AUTHOR, "message": message, "extra": extra})


def _last_clean_end(con: duckdb.DuckDBPyConnection) -> int | None:
    ends = ", ".join(sql_literal(end) for end in _CLEAN_ENDS)
    row = con.execute(f"select max(snapshot_id) from {LAKE}.snapshots() where author = {sql_literal(AUTHOR)} "
                      f"and commit_message in ({ends})").fetchone()
    return row[0]


def ends_cleanly(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the lake's newest commit ended a run (published or unchanged): no dead run's commits after it."""
    row = con.execute(
        f"select author = {sql_literal(AUTHOR)} and commit_message in ({sql_literal(PUBLISH)}, "
        f"{sql_literal(UNCHANGED)}) from {LAKE}.snapshots() order by snapshot_id desc limit 1").fetchone()
    return bool(row and row[0])


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(f"select id from {LAKE}.current_snapshot()").fetchone()[0]


def _changed_table_ids(con: duckdb.DuckDBPyConnection, after: int, upto: int | None = None,
                       kinds: tuple[str, ...] = _TABLE_ID_CHANGES) -> set[int]:
    rows = execute(con,
        f"select changes from {LAKE}.snapshots() where snapshot_id > $after "
        "and ($upto is null or snapshot_id <= $upto)", {"after": after, "upto": upto}).fetchall()
    ids: set[int] = set()
    for (changes,) in rows:
        for key, values in (changes or {}).items():
            if key in kinds:
                ids.update(int(v) for v in values if str(v).isdigit())
    return ids


def _tables_at(con: duckdb.DuckDBPyConnection, snapshot: int | None) -> dict[str, int]:
    """Table name → table id of the lake's ``main`` schema as of ``snapshot`` (None: now)."""
    rows = execute(con,
        f"select t.table_name, t.table_id from {METADATA}.ducklake_table t "
        f"join {METADATA}.ducklake_schema s on s.schema_id = t.schema_id and s.schema_name = 'main' "
        "where ($at is null and t.end_snapshot is null) or "
        "($at is not null and t.begin_snapshot <= $at and (t.end_snapshot is null or t.end_snapshot > $at))",
        {"at": snapshot}).fetchall()
    return dict(rows)


def _named_or_replaced(con: duckdb.DuckDBPyConnection, ids: set[int], after: int, upto: int) -> set[str]:
    """Names (as of ``upto``) of the tables whose id is in ``ids``, and of those created or replaced after
    snapshot ``after`` up to ``upto``."""
    before, now = _tables_at(con, after), _tables_at(con, upto)
    return {name for name, table_id in now.items() if table_id in ids or before.get(name) != table_id}


def _history_complete(con: duckdb.DuckDBPyConnection, after: int, upto: int) -> bool:
    """Whether the lake still holds every snapshot after ``after`` up to ``upto``, and with them their change
    records (snapshot ids follow each other; expiring snapshots leaves gaps)."""
    held = execute(con, f"select count(*) from {LAKE}.snapshots() where snapshot_id > $a and snapshot_id <= $b",
                   {"a": after, "b": upto}).fetchone()[0]
    return held == upto - after


def _unrecorded_deletions(con: duckdb.DuckDBPyConnection, after: int, upto: int) -> set[int]:
    """Ids of the tables that may have lost rows after snapshot ``after`` up to ``upto`` that neither the files nor
    the change records show: none while the range's change records are all there; once they were expired, every
    table with a delete file live in the range. DuckLake adds a data file's later deletions to the delete file it
    already has, whose ``begin_snapshot`` stays where that file began."""
    if _history_complete(con, after, upto):
        return set()
    return {r[0] for r in execute(con,
        f"select distinct table_id from {METADATA}.ducklake_delete_file where end_snapshot is null "
        "or end_snapshot > $a", {"a": after}).fetchall()}


def tables_with_new_files(con: duckdb.DuckDBPyConnection, after: int, upto: int) -> set[str]:
    """Names of the tables (as of ``upto``) that got or lost rows after snapshot ``after`` up to ``upto``, or that
    were created or replaced meanwhile: from the files' own snapshot ranges and the snapshots' change records.
    The files alone miss a table whose only change was deleting more rows of a data file that had a delete file
    already (the delete file keeps the snapshot it began at); where the range's change records were expired,
    every table with a delete file is named too."""
    ids = {r[0] for r in execute(con,
        f"select table_id from {METADATA}.ducklake_data_file where (begin_snapshot > $a and begin_snapshot <= $b) "
        "or (end_snapshot > $a and end_snapshot <= $b) union "
        f"select table_id from {METADATA}.ducklake_delete_file where (begin_snapshot > $a and begin_snapshot <= $b) "
        "or (end_snapshot > $a and end_snapshot <= $b)", {"a": after, "b": upto}).fetchall()}
    ids |= _changed_table_ids(con, after, upto) | _unrecorded_deletions(con, after, upto)
    return _named_or_replaced(con, ids, after, upto)


def tables_with_deletions(con: duckdb.DuckDBPyConnection, after: int, upto: int) -> set[str]:
    """Names of the tables (as of ``upto``) that may have lost rows after snapshot ``after`` up to ``upto``: a
    delete file began, or a data file ended, in that range, or a snapshot of the range records deletions (or the
    table was created or replaced meanwhile). A table not named only got rows: asking the change feed for its
    deletions costs a scan of its files' metadata for nothing (20-70 ms per table at 100,000 articles). Where
    the range's change records were expired, every table with a delete file may have lost rows
    (``_unrecorded_deletions``)."""
    ids = {r[0] for r in execute(con,
        f"select table_id from {METADATA}.ducklake_delete_file where begin_snapshot > $a and begin_snapshot <= $b "
        f"union select table_id from {METADATA}.ducklake_data_file where end_snapshot > $a and end_snapshot <= $b",
        {"a": after, "b": upto}).fetchall()}
    ids |= _changed_table_ids(con, after, upto, ("tables_deleted_from", "inlined_delete"))
    ids |= _unrecorded_deletions(con, after, upto)
    return _named_or_replaced(con, ids, after, upto)


def restore_published(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Undo the commits a dead or failed run left after the last clean end of a run: tables it created are
    dropped, tables it changed get back the rows they had, in one commit tagged ``restored`` (itself a clean
    end). Returns the tables put back or dropped."""
    base = _last_clean_end(con)
    if base is not None and base == current_snapshot(con):
        return []
    now = _tables_at(con, None)
    if base is None:        # no run ever ended cleanly: what is there is a dead first run's
        con.begin()
        for name in sorted(now):
            con.execute(f'drop table "{name}"')
        con.commit()
        return sorted(now)
    before = _tables_at(con, base)
    ids = _changed_table_ids(con, base)
    dropped = sorted(name for name in now if name not in before)
    restored = sorted(name for name, table_id in now.items()
                      if name in before and (before[name] != table_id or table_id in ids))
    # Read the old rows first: a time-travel scan in the transaction that deleted the rows sees none.
    for n, name in enumerate(restored):
        con.execute(f'create or replace temp table restore_{n} as select * from "{name}" at (version => {int(base)})')
    con.begin()
    try:
        for name in dropped:
            con.execute(f'drop table "{name}"')
        for n, name in enumerate(restored):
            con.execute(f'delete from "{name}"')
            con.execute(f'insert into "{name}" by name select * from restore_{n}')
        execute(con, sql("staging/state_set"), ["run", "__restored__", str(base)])
        tag_commit(con, RESTORED, "restore")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        for n in range(len(restored)):
            con.execute(f"drop table if exists restore_{n}")
    return sorted(dropped + restored)


def expire_unkept(con: duckdb.DuckDBPyConnection, keep: int, pinned: set[int]) -> list[int]:
    """Expire every snapshot except the ``keep`` newest publications, the snapshots readers pinned, and the
    newest snapshot (DuckLake keeps it anyway). The files only they referenced are deleted by
    :func:`compact` (``ducklake_cleanup_old_files``). Returns the snapshots expired."""
    kept = {p.snapshot_id for p in publications(con)[-keep:]} if keep > 0 else set()
    kept |= pinned
    kept.add(current_snapshot(con))
    expire = [s for (s,) in con.execute(f"select snapshot_id from {LAKE}.snapshots()").fetchall() if s not in kept]
    if expire:
        execute(con, "call ducklake_expire_snapshots($lake, versions => $versions)",
                    {"lake": LAKE, "versions": expire})
    return expire


# The tables whose rows are whole articles, with the columns holding them (about 2,800 characters each). The release
# file stores those columns with ZSTD (`release`); compaction writes these tables in row groups of
# ARTICLE_ROW_GROUP_ROWS rows (a table option, kept in the catalog). DuckDB holds a row group in memory while it
# writes it: merging the 51 files of `document_texts` at 100,000 articles into row groups of DuckLake's default
# 122,880 rows (about 690 MB of text) ran out of the pipeline's 1 GB and `pipelines.cli compact` failed; in groups
# of 16,384 rows (about 90 MB) the merge took 5.1 s, the process's peak 1.35 GB. A stage writes a batch of fewer rows
# than that at a time, so only compaction's files are cut by it. `documents` is a table in a lake from before it
# became a view over `document_texts` and `document_decisions`; a researcher's release copies the view as a table.
ARTICLE_TEXT_COLUMNS = {"documents": ("text", "text_norm"), "document_texts": ("text", "text_norm"),
                        "raw_documents": ("body",)}
ARTICLE_ROW_GROUP_ROWS = 16_384


def lake_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The names of the lake's tables (schema main, not its views), sorted."""
    return [r[0] for r in execute(con,
        "select table_name from duckdb_tables() where database_name = $db and schema_name = 'main' order by 1",
        {"db": LAKE}).fetchall()]


def limit_article_row_groups(con: duckdb.DuckDBPyConnection, rows: int) -> list[str]:
    """Set the Parquet row-group size of the lake's tables of articles (those of ``ARTICLE_TEXT_COLUMNS`` that are
    tables) to ``rows``; returns the tables set."""
    present = set(lake_tables(con))
    tables = [t for t in ARTICLE_TEXT_COLUMNS if t in present]
    for table in tables:
        execute(con, f"call {LAKE}.set_option('parquet_row_group_size', $rows, table_name => $table)",
                {"rows": int(rows), "table": table})
    return tables


def compact(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Write rows held in the catalog (inlined) to Parquet, merge adjacent small files, rewrite files with
    many deleted rows, and delete the files no kept snapshot needs. Returns how many files each step did. The
    tables of articles are written in row groups that fit the pipeline's memory (``ARTICLE_ROW_GROUP_ROWS``), and
    the files are merged and rewritten by one DuckDB thread: with two, each reading input files at once, a merge
    that one thread always finished in a memory limit ran out of it one time in three (256 MB of text under 256 MB:
    tests/integration/test_lake.py); compaction is a scheduled job, not a run's."""
    limit_article_row_groups(con, ARTICLE_ROW_GROUP_ROWS)
    steps = {
        "flushed_inlined": "call ducklake_flush_inlined_data($lake)",
        "merged_files": "call ducklake_merge_adjacent_files($lake)",
        "rewritten_files": "call ducklake_rewrite_data_files($lake)",
        "deleted_files": "call ducklake_cleanup_old_files($lake, cleanup_all => true)",
    }
    with temporary_setting(con, "threads", lambda _: 1):
        return {name: len(execute(con, statement, {"lake": LAKE}).fetchall()) for name, statement in steps.items()}


def live_data_files(con: duckdb.DuckDBPyConnection) -> int:
    """Parquet data files the newest snapshot reads."""
    return con.execute(f"select count(*) from {METADATA}.ducklake_data_file where end_snapshot is null").fetchone()[0]


def config_from(catalog: str, data_path: str, lake_root: Path, project_root: Path, **s3_and_limits) -> LakeConfig:
    """The lake's configuration from its settings: an empty catalog or data path takes the embedded default
    under ``lake_root``; a relative embedded catalog path or data path is taken from ``project_root``."""
    relocatable = not catalog and not data_path
    if not catalog:
        catalog = f"sqlite:{lake_root / 'catalog.sqlite'}"
    kind, _, rest = catalog.partition(":")
    if kind in ("sqlite", "duckdb") and not os.path.isabs(rest):
        catalog = f"{kind}:{project_root / rest}"
    if not data_path:
        data_path = str(lake_root / "tables") + "/"
    elif "://" not in data_path and not os.path.isabs(data_path):
        data_path = str(project_root / data_path) + "/"
    return LakeConfig(catalog=catalog, data_path=data_path, relocatable=relocatable, **s3_and_limits)


def pin(pins_dir: Path, snapshot: int) -> Path:
    """Pin ``snapshot`` for this process: a lease file ``<host>-<pid>-<snapshot>.pin`` under ``pins_dir``
    (shared by every reader and writer of the lake), renewed by each call. :func:`expire_unkept` keeps the
    snapshots of live leases (:func:`live_pins`), so a reader never loses the files it reads."""
    import socket

    pins_dir.mkdir(parents=True, exist_ok=True)
    path = pins_dir / f"{socket.gethostname()}-{os.getpid()}-{int(snapshot)}.pin"
    path.touch()
    return path


def live_pins(pins_dir: Path, ttl_s: float, now: float | None = None) -> set[int]:
    """Snapshots pinned by a lease renewed within ``ttl_s`` seconds; older leases are deleted."""
    import time

    now = time.time() if now is None else now
    pinned: set[int] = set()
    for path in pins_dir.glob("*.pin") if pins_dir.is_dir() else []:
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:
            continue
        if age > ttl_s:
            path.unlink(missing_ok=True)
        else:
            pinned.add(int(path.stem.rsplit("-", 1)[1]))
    return pinned


class NoPublication(LookupError):
    """The lake has no published run (or not the one asked for)."""


def connect_published(config: LakeConfig, run_no: int | None = None,
                      pins_dir: Path | None = None) -> tuple[duckdb.DuckDBPyConnection, Publication]:
    """A read-only connection on the lake as of its newest publication, or as of published run ``run_no``
    (time travel), pinned under ``pins_dir`` when given. Raises :class:`NoPublication` when there is none."""
    if not lake_exists(config):
        raise NoPublication(f"no lake at {config.catalog}")
    con = connect(config, read_only=True)
    try:
        found = publications(con)
        if run_no is not None:
            found = [p for p in found if p.run_no == run_no]
        if not found:
            raise NoPublication(f"the lake at {config.catalog} has no published run"
                                + (f" number {run_no} (runs expired or never made)" if run_no is not None else ""))
        chosen = found[-1]
        if pins_dir is not None:
            pin(pins_dir, chosen.snapshot_id)
        con.execute(f"use memory; detach {LAKE}")
        con.execute(f"attach {sql_literal('ducklake:' + config.catalog)} as {LAKE} ({_read_options(config)}"
                    f"read_only, snapshot_version {int(chosen.snapshot_id)})")
        con.execute(f"use {LAKE}")
    except BaseException:
        con.close()
        raise
    return con, chosen
