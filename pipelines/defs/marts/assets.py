"""One asset per ``sql/marts`` file: a ``NNN_mart_<name>.sql`` file is the table ``mart_<name>``; any other
file is a script (the filter macros, the search index, the search macro) named by its file, without the
number. The marts stage refreshes them all in one step (they share its plan of which documents to redo),
so they are one multi-asset; each still shows its own rows, schema, lineage and description (the comment its
file opens with). Lineage comes from the SQL: a file depends on the tables it names, among the stage tables
and the tables earlier mart files make, read after ``from`` or ``join`` (for a script with a Python step,
in its file and in the SQL its step runs, ``sql/marts/<name>/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.metadata import MART_KINDS, sql_description, table_spec, tables_metadata
from pipelines.defs.resources import RasdSettings
from pipelines.lib.sql import sql_files
from pipelines.stages.marts import mart_table, run_marts, step_files

_UPDATED_LATER = {"casualty_claims": "incidents"}
_COMMENT = re.compile(r"--[^\n]*")
_READS = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)")
_CREATES_TABLE = re.compile(r"create\s+(?:or\s+replace\s+)?table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)", re.I)
_CREATES_MACRO = re.compile(r"create\s+(?:or\s+replace\s+)?macro\s+([a-z_][a-z0-9_]*)", re.I)


def mart_key(path: Path) -> str:
    """``mart_claims`` for ``010_mart_claims.sql``; ``search_index`` for the script ``070_search_index.sql``."""
    return mart_table(path) or path.stem.partition("_")[2]


def mart_keys() -> list[str]:
    return [mart_key(path) for path in sql_files("marts")]


def _tables_made(path: Path, code: str) -> set[str]:
    """The tables a mart file makes: its mart table, or those a script creates."""
    table = mart_table(path)
    return {table} if table else {name.lower() for name in _CREATES_TABLE.findall(code)}


def mart_specs(upstream: Iterable[str]) -> list[dg.AssetSpec]:
    """A spec per mart file, depending on the ``upstream`` tables and earlier mart tables its SQL names."""
    made_by: dict[str, str] = {table: table for table in upstream}
    # A table a later stage updates in place is ready only after that stage (incidents fills
    # casualty_claims.incident_id and the claims' event dates).
    made_by.update({table: stage for table, stage in _UPDATED_LATER.items() if stage in made_by})
    specs = []
    for path in sql_files("marts"):
        code = _COMMENT.sub("", path.read_text(encoding="utf-8")).lower()
        step_code = _COMMENT.sub("", "\n".join(p.read_text(encoding="utf-8") for p in step_files(path))).lower()
        key = mart_key(path)
        own = _tables_made(path, code)
        deps = sorted({made_by[word] for word in set(_READS.findall(code + "\n" + step_code)) - own if word in made_by})
        specs.append(table_spec(key, group="marts", deps=deps, kinds=MART_KINDS, description=sql_description(path),
                                is_table=mart_table(path) is not None))
        made_by.update(dict.fromkeys(own, key))
    return specs


def _script_metadata(path: Path, tables: dict[str, dict], seconds: float | None) -> dict:
    """A script's tables (with their row count, schema and preview under the table's name, from ``tables``)
    and macros."""
    code = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    meta: dict = {}
    for table in sorted(_tables_made(path, code.lower())):
        meta.update({f"{table}/{name.rpartition('/')[2]}": value for name, value in tables[table].items()})
    macros = sorted(set(_CREATES_MACRO.findall(code)))
    if macros:
        meta["macros"] = ", ".join(macros)
    if seconds is not None:
        meta["seconds_this_run"] = seconds
    return meta


def _mart_tables(paths: list[Path]) -> list[str]:
    """Every table the mart scripts make, each once."""
    tables: dict[str, None] = {}
    for path in paths:
        table = mart_table(path)
        code = _COMMENT.sub("", path.read_text(encoding="utf-8")).lower()
        made = [table] if table else sorted(_tables_made(path, code))
        tables.update(dict.fromkeys(made))
    return list(tables)


def build_marts(upstream: Iterable[str]) -> dg.AssetsDefinition:
    """The marts multi-asset over every ``sql/marts`` file; ``upstream`` are the stage tables' asset keys."""

    @dg.multi_asset(name="marts", specs=mart_specs(upstream), can_subset=False)
    def marts(settings: RasdSettings, duckdb: DuckDBResource):
        """Bring every mart up to date for the documents this run changed (all of them after a mart's SQL
        changed), then report each mart's table as it now is."""
        with duckdb.get_connection() as con:
            meta = run_marts(con)
            seconds = meta.get("seconds", {})
            run = {key: meta[key] for key in ("full_rebuild", "reason", "documents_changed", "documents_updated",
                                              "skipped") if key in meta}
            paths = sql_files("marts")
            # Every mart table's figures at once. The marts hold canonical documents only: no second count.
            tables = tables_metadata(con, _mart_tables(paths), canonical_rows=())
            for path in paths:
                table = mart_table(path)
                if table:
                    facts = {**run, **({"seconds_this_run": seconds[path.stem]} if path.stem in seconds else {})}
                    yield dg.MaterializeResult(asset_key=table, metadata={**tables[table], **facts})
                else:
                    yield dg.MaterializeResult(asset_key=mart_key(path),
                                               metadata={**_script_metadata(path, tables, seconds.get(path.stem)),
                                                         **run})

    return marts
