"""Data-contract checks: each ``sql/checks/<asset>__<rule>.sql`` is one rule of one table, and counts the
rows that break it; zero passes.

The check is named by the rule (``casualty_claims__offsets_slice_back_to_phrase`` is the check
``offsets_slice_back_to_phrase`` of ``casualty_claims``) and described by the comment its file opens with,
so the UI says which rule broke. The rules of a table are checks of the asset that writes it and run at the
end of that asset's step, in its transaction, and report one result each. They are blocking, so a failing
rule fails the step and stops everything downstream of its table, including publication: readers never
see a warehouse that breaks the contract.

Four rules are checked on the frames a stage writes instead (``FRAME_RULES``, :mod:`pipelines.lib.offsets`):
that every sentence, mention and claim phrase slices back to the text it was cut from. Their stage counts the
rows that break them, batch by batch, before it writes them, and the asset reports that count as the rule's
result, blocking alike.

Why in the asset's step and not a check step of their own: on the lake a step of its own opened another
transaction, which fetched every table's file list from the catalog again, and Dagster's step around it
cost as much as the rules: eleven check steps were 0.57 s of a 4.1 s seeds run, 0.2 s in the asset steps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import dagster as dg

from pipelines.defs.metadata import sql_description
from pipelines.lib.sql import SQL_DIR, sql_files
from pipelines.stages.common import view_as_table


def count_violations(con, check_sql: str) -> int:
    return int(con.execute(check_sql).fetchone()[0] or 0)


@cache
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


@dataclass(frozen=True)
class FrameRule:
    """A rule its stage checks on the frames it writes (see the module docstring): the table, the rule, what it
    says, and the function that counts the rows breaking it."""

    table: str
    rule: str
    description: str
    counted_by: str


_OFFSETS = "pipelines/lib/offsets.py"
FRAME_RULES: tuple[FrameRule, ...] = (
    FrameRule("sentences", "slice_back_to_text",
              "Every sentence of a document this run cleaned lies inside its document and its offsets slice back "
              "to its text.", f"{_OFFSETS}:sentences_off_their_text"),
    FrameRule("actor_mentions", "slice_back_to_surface",
              "Every actor mention this run wrote lies inside its sentence and its offsets slice back to its "
              "surface.", f"{_OFFSETS}:spans_off_their_sentence"),
    FrameRule("location_mentions", "slice_back_to_surface",
              "Every place mention this run wrote lies inside its sentence and its offsets slice back to its "
              "surface.", f"{_OFFSETS}:spans_off_their_sentence"),
    FrameRule("casualty_claims", "offsets_slice_back_to_phrase",
              "Every claim this run wrote lies inside its evidence sentence and its offsets slice back to the "
              "claim's phrase (mention_text).", f"{_OFFSETS}:spans_off_their_sentence"),
)


def frame_rules(table: str) -> list[FrameRule]:
    return [r for r in FRAME_RULES if r.table == table]


def _frame_spec(rule: FrameRule) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(rule.rule, asset=rule.table, description=rule.description, blocking=True,
                             metadata={"code": rule.counted_by})


def contract_specs(tables: Iterable[str]) -> list[dg.AssetCheckSpec]:
    """The checks of ``tables`` (an asset's tables), for its ``check_specs``: one per rule file and frame rule."""
    return [spec for table in tables for spec in
            [*(_rule_spec(table, path) for path in rule_files().get(table, [])),
             *(_frame_spec(rule) for rule in frame_rules(table))]]


# The views of the documents this run changed, and of their texts (sql/ddl/100_change_tracking.sql), which
# many rules join; the second reads the first.
CHANGED = "changed_documents"
CHANGED_TEXTS = "changed_document_texts"

# Up to this share of the documents changed, their texts are read once per step for the rules that need them.
TEXTS_HELD_SHARE = 0.25


def _changed_share(con) -> float:
    changed, documents = con.execute(
        f"select (select count(*) from {CHANGED}), (select count(*) from documents)").fetchone()
    return changed / max(documents, 1)


def contract_results(con, tables: Iterable[str],
                     counted: dict[str, int] | None = None) -> Iterator[dg.AssetCheckResult]:
    """Each rule of ``tables`` run on ``con`` (the step's transaction: the rules see what the step wrote), one
    result each; the frame rules' results are the counts their stage returned in ``counted`` (by
    ``<table>__<rule>``; every frame rule of ``tables`` must be there).

    The rules that look at the documents this run changed, or at their texts, read them from the views
    computed once for all of them (``view_as_table``): the first reads five tables and hashes every document
    (evaluated by each rule it was a third of the checks' time on a small lake), the second reads every text
    of the documents table (0.7 s per rule at 100,000 articles)."""
    rules = [(table, path, path.read_text(encoding="utf-8"))
             for table in tables for path in rule_files().get(table, [])]
    texts = any(CHANGED_TEXTS in text for _, _, text in rules)
    changed = texts or any(CHANGED in text for _, _, text in rules)
    with view_as_table(con, CHANGED) if changed else nullcontext():
        # The texts are held once only for a few documents: when most changed (a first run) each rule streams
        # them instead of a copy of every text held in memory (+10 s and +250 MB at 100,000 articles).
        few = texts and _changed_share(con) <= TEXTS_HELD_SHARE
        with view_as_table(con, CHANGED_TEXTS) if few else nullcontext():
            results = [(table, path, count_violations(con, text)) for table, path, text in rules]
    counted = counted or {}
    frames = [(rule.table, rule.rule, counted[f"{rule.table}__{rule.rule}"]) for table in tables
              for rule in frame_rules(table)]
    for table, rule, bad in [*((table, path.stem.partition("__")[2], bad) for table, path, bad in results), *frames]:
        yield dg.AssetCheckResult(asset_key=table, check_name=rule, passed=bad == 0,
                                  metadata={"violating_rows": bad})
