"""The actor dictionary: canonical parties to the conflict (``actors.csv``) and their aliases
(``actor_aliases.csv``), validated so an analyst's typo fails loudly instead of silently matching nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.tables import ALIAS_CONDITIONS, line_of, read_table

ACTORS_FILE = "actors.csv"
ALIASES_FILE = "actor_aliases.csv"
ACTOR_COLUMNS = ["actor_id", "name_ar", "name_en", "actor_type", "side", "parent_id"]
ALIAS_COLUMNS = ["actor_id", "alias"]
# The ids of the persons mentions detects in the text (``extract.persons.person_id``): never a dictionary actor's,
# so the actors table holds a detected person and a dictionary actor under different ids.
DETECTED_PERSON_PREFIX = "person:"

ACTOR_TYPES = frozenset({
    "state_forces", "armed_opposition", "jihadist_group", "kurdish_led_forces", "militia", "foreign_state",
    "international_org", "monitor", "political_body", "media", "person",
    # A generic source ("مصادر طبية", "ناشطون"): a claimant only, never matched in text as a mention.
    "source",
})
SIDES = frozenset({"government", "opposition", "kurdish_led", "jihadist", "foreign", "neutral"})


@dataclass(frozen=True)
class ActorDictionary:
    actors: pl.DataFrame   # actor_id, name_ar, name_en, actor_type, side, parent_id (nulls for empty cells)
    aliases: pl.DataFrame  # actor_id, alias, condition — every name_ar is also an alias


def _check_actors(path: Path, frame: pl.DataFrame) -> None:
    seen: set[str] = set()
    for i, row in enumerate(frame.iter_rows(named=True)):
        line = line_of(i)
        if not row["actor_id"] or not row["name_ar"]:
            raise ReferenceDataError(path, "actor_id and name_ar are required", line)
        if row["actor_id"] in seen:
            raise ReferenceDataError(path, f"duplicate actor_id {row['actor_id']!r}", line)
        if row["actor_id"].startswith(DETECTED_PERSON_PREFIX):
            raise ReferenceDataError(
                path, f"ids starting {DETECTED_PERSON_PREFIX!r} are reserved for persons detected in the text", line)
        seen.add(row["actor_id"])
        if row["actor_type"] not in ACTOR_TYPES:
            raise ReferenceDataError(
                path, f"unknown actor_type {row['actor_type']!r} (expected one of {sorted(ACTOR_TYPES)})", line
            )
        if row["side"] and row["side"] not in SIDES:
            raise ReferenceDataError(path, f"unknown side {row['side']!r} (expected one of {sorted(SIDES)})", line)
    parents = dict(zip(frame["actor_id"], frame["parent_id"], strict=True))
    for i, (actor, parent) in enumerate(parents.items()):
        if parent and parent not in parents:
            raise ReferenceDataError(path, f"parent_id {parent!r} of {actor!r} is not an actor", line_of(i))
        chain, node = {actor}, parent
        while node:
            if node in chain:
                raise ReferenceDataError(path, f"parent_id cycle through {actor!r}", line_of(i))
            chain.add(node)
            node = parents.get(node, "")


def _check_aliases(path: Path, frame: pl.DataFrame, actor_ids: set[str], names: dict[str, str]) -> None:
    owner: dict[str, str] = dict(names)
    for i, row in enumerate(frame.iter_rows(named=True)):
        line = line_of(i)
        if row["actor_id"] not in actor_ids:
            raise ReferenceDataError(path, f"alias {row['alias']!r} points at unknown actor {row['actor_id']!r}", line)
        if not row["alias"]:
            raise ReferenceDataError(path, "empty alias", line)
        if row["condition"] not in ALIAS_CONDITIONS:
            raise ReferenceDataError(
                path, f"unknown condition {row['condition']!r} (expected one of {sorted(ALIAS_CONDITIONS)})", line
            )
        key = normalize(row["alias"]).strip()
        if row["condition"] != "block" and owner.setdefault(key, row["actor_id"]) != row["actor_id"]:
            raise ReferenceDataError(
                path, f"alias {row['alias']!r} of {row['actor_id']!r} already names {owner[key]!r}", line
            )


def load_actors(reference_dir: Path) -> ActorDictionary:
    """Read and validate the actor dictionary; raises ``ReferenceDataError`` on any inconsistency."""
    actors_path = reference_dir / ACTORS_FILE
    aliases_path = reference_dir / ALIASES_FILE
    actors = read_table(actors_path, ACTOR_COLUMNS)
    _check_actors(actors_path, actors)
    aliases = read_table(aliases_path, ALIAS_COLUMNS, optional=("condition",))
    names = {normalize(n).strip(): a for a, n in zip(actors["actor_id"], actors["name_ar"], strict=True)}
    if len(names) != actors.height:
        raise ReferenceDataError(actors_path, "two actors share the same name_ar")
    _check_aliases(aliases_path, aliases, set(actors["actor_id"]), names)
    own_names = actors.select("actor_id", pl.col("name_ar").alias("alias"), pl.lit("").alias("condition"))
    all_aliases = (
        pl.concat([own_names, aliases])
        .unique(subset=["actor_id", "alias"], keep="first", maintain_order=True)
    )
    nulls = [
        pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in ("name_en", "side", "parent_id")
    ]
    return ActorDictionary(actors.with_columns(nulls), all_aliases)
