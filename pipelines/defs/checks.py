"""Data-contract checks: each ``sql/checks/<asset>__<rule>.sql`` is one rule of one table, and counts the
rows that break it; zero passes.

The check is named by the rule (``casualty_claims__offsets_slice_back_to_phrase`` is the check
``offsets_slice_back_to_phrase`` of ``casualty_claims``) and described by the comment its file opens with,
so the UI says which rule broke. The rules of one table run in one step (one connection) and report one
result each. They are blocking, so a failing rule stops everything downstream of its table, including
publication: readers never see a warehouse that breaks the contract.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.metadata import sql_description
from pipelines.defs.resources import RasdSettings
from pipelines.lib.sql import SQL_DIR, sql_files
from pipelines.stages.common import one_commit


def count_violations(con, check_sql: str) -> int:
    return int(con.execute(check_sql).fetchone()[0] or 0)


def rule_files() -> dict[str, list[Path]]:
    """The rule files of ``sql/checks`` by the asset they check."""
    by_asset: dict[str, list[Path]] = defaultdict(list)
    for path in sql_files("checks"):
        asset, _, rule = path.stem.partition("__")
        if not rule:
            raise ValueError(f"{path.name}: a check file is named <asset>__<rule>.sql")
        by_asset[asset].append(path)
    return dict(by_asset)


def _rule_spec(asset: str, path: Path) -> dg.AssetCheckSpec:
    rule = path.stem.partition("__")[2]
    # A file without its opening comment still gets a readable description (test_checks asks for one).
    description = sql_description(path) or rule.replace("_", " ").capitalize() + "."
    return dg.AssetCheckSpec(rule, asset=asset, description=description, blocking=True,
                             metadata={"sql": str(path.relative_to(SQL_DIR.parent))})


def _table_checks(asset: str, paths: list[Path]) -> dg.AssetChecksDefinition:
    rules = [(path.stem.partition("__")[2], path.read_text(encoding="utf-8")) for path in paths]

    @dg.multi_asset_check(name=f"{asset}_contract", specs=[_rule_spec(asset, path) for path in paths],
                          description=f"The contract rules of {asset}, one result each.")
    def _check(settings: RasdSettings, duckdb: DuckDBResource):
        with duckdb.get_connection() as con:
            # One read transaction: the rules see the same snapshot, looked up once.
            with one_commit(con):
                counts = [(rule, count_violations(con, check_sql)) for rule, check_sql in rules]
        for rule, bad in counts:
            yield dg.AssetCheckResult(asset_key=asset, check_name=rule, passed=bad == 0,
                                      metadata={"violating_rows": bad})

    return _check


def contract_checks() -> list[dg.AssetChecksDefinition]:
    return [_table_checks(asset, paths) for asset, paths in rule_files().items()]
