"""Data-contract checks: each ``sql/checks/<asset>__<name>.sql`` counts violating rows; zero passes.

Checks are blocking, so a failing table stops everything downstream of it,
including publication: readers never see a warehouse that breaks the contract.
"""

from __future__ import annotations

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import RasdSettings
from pipelines.lib.sql import sql_files
from pipelines.lib.warehouse import ensure_build


def count_violations(con, check_sql: str) -> int:
    return int(con.execute(check_sql).fetchone()[0] or 0)


def _make_check(asset: str, name: str, check_sql: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=name, blocking=True, description=f"sql/checks/{asset}__{name}.sql = 0")
    def _check(settings: RasdSettings, duckdb: DuckDBResource) -> dg.AssetCheckResult:
        ensure_build(settings.warehouse)
        with duckdb.get_connection() as con:
            bad = count_violations(con, check_sql)
        return dg.AssetCheckResult(passed=bad == 0, metadata={"violating_rows": bad, "threshold": 0})

    return _check


def contract_checks() -> list[dg.AssetChecksDefinition]:
    checks = []
    for path in sql_files("checks"):
        asset, _, name = path.stem.partition("__")
        checks.append(_make_check(asset, name, path.read_text(encoding="utf-8")))
    return checks
