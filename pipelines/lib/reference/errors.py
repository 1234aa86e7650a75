"""The one error a broken reference file raises, naming the file, the row and what is wrong."""

from __future__ import annotations

from pathlib import Path


class ReferenceDataError(ValueError):
    """A reference data file (dictionary, gazetteer, lexicon) is malformed or inconsistent."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")
