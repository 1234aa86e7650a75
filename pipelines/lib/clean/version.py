"""The version of the cleaner: its boilerplate patterns and its code.

Stored with each cleaned article, so that editing ``boilerplate.yaml`` or changing a cleaning rule
re-cleans every article on the next run (and, where the clean text changes, re-extracts it), while
a run with the same cleaner keeps every article's rows.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.lib.digest import files_and_code_version

_LIB = Path(__file__).resolve().parents[1]
# The code whose output lands in documents.text/text_norm and sentences.
CODE_DIRS = (_LIB / "arabic", _LIB / "clean")


def cleaner_version(boilerplate_yaml: Path) -> str:
    return files_and_code_version([boilerplate_yaml], CODE_DIRS)
