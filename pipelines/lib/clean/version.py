"""The version of the cleaner: its boilerplate patterns and its code.

Stored with each cleaned article, so that editing ``boilerplate.yaml`` or changing a cleaning rule
re-cleans every article on the next run (and, where the clean text changes, re-extracts it), while
a run with the same cleaner keeps every article's rows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pipelines.lib.digest import code_of, files_and_code_version

_CLEAN = Path(__file__).resolve().parent


@cache
def cleaner_code() -> tuple[tuple[str, Path], ...]:
    """The code whose output lands in documents.text/text_norm and sentences: the cleaning modules and every
    module of the project they import (the normaliser, the YAML reader of the boilerplate patterns), by their
    path in the package. Code that only extraction uses (the batch normaliser's offset maps, tokenisation) is
    not in it: changing it re-extracts, it does not re-clean."""
    return code_of(sorted(_CLEAN.glob("*.py")), leave_out=[Path(__file__)])


def cleaner_version(boilerplate_yaml: Path) -> str:
    return files_and_code_version([boilerplate_yaml], code_files=cleaner_code())
