"""Load ``seeds/reference/attacker_adjectives.csv``: the adjective that names an attack's author ("القصف
التركي", "الغارات الروسية") and the dictionary actor it stands for.

Adjectives are normalised on load, like the claim lexicon, so they match normalised sentence text. Each actor
id must be a row of ``actors.csv`` in the same folder (when that file is there): a stale id would give claims a
perpetrator the warehouse cannot join.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.tables import line_of, read_table

FILE = "attacker_adjectives.csv"
COLUMNS = ["adjective", "actor_id"]


def load_attacker_adjectives(reference_dir: Path) -> tuple[tuple[str, str], ...]:
    """(normalised adjective, actor_id) pairs, in file order; empty when the folder has no such file."""
    path = Path(reference_dir) / FILE
    if not path.is_file():
        return ()
    frame = read_table(path, COLUMNS)
    actors_path = Path(reference_dir) / "actors.csv"
    known = set(pl.read_csv(actors_path, infer_schema=False).get_column("actor_id")) if actors_path.is_file() else None
    out: dict[str, str] = {}
    for i, (adjective, actor_id) in enumerate(frame.iter_rows()):
        word = normalize(adjective).strip()
        if not word or " " in word:
            raise ReferenceDataError(path, f"adjective must be one word, got {adjective!r}", line_of(i))
        if not actor_id:
            raise ReferenceDataError(path, "actor_id is empty", line_of(i))
        if known is not None and actor_id not in known:
            raise ReferenceDataError(path, f"unknown actor_id {actor_id!r}", line_of(i))
        if out.get(word, actor_id) != actor_id:
            raise ReferenceDataError(path, f"adjective {adjective!r} maps to two actors", line_of(i))
        out[word] = actor_id
    return tuple(out.items())
