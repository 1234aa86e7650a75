"""Interchangeable spellings of words in names (``spelling_variants.csv``)."""

from __future__ import annotations

from pathlib import Path

from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.arabic.variants import SpellingGroup
from pipelines.lib.reference.errors import ReferenceDataError
from pipelines.lib.reference.tables import line_of, read_table

FILE = "spelling_variants.csv"
SCOPES = {"word": True, "substring": False}


def load_spelling_groups(reference_dir: Path) -> list[SpellingGroup]:
    """Groups of spellings in matching form; forms that normalise alike are merged."""
    path = reference_dir / FILE
    frame = read_table(path, ["forms", "scope"], optional=("note",))
    groups: list[SpellingGroup] = []
    for i, row in enumerate(frame.iter_rows(named=True)):
        if row["scope"] not in SCOPES:
            raise ReferenceDataError(path, f"scope {row['scope']!r} is not one of {sorted(SCOPES)}", line_of(i))
        forms = tuple(dict.fromkeys(normalize(f).strip() for f in row["forms"].split("|") if f.strip()))
        if len(forms) < 2:
            raise ReferenceDataError(path, "a group needs at least two different spellings", line_of(i))
        groups.append(SpellingGroup(forms, SCOPES[row["scope"]]))
    return groups
