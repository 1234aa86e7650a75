"""Fingerprints of what extraction depends on: the reference data and the extraction code.

When an analyst edits a dictionary, or a release changes a rule, the documents are extracted again on the
next run by the stages that read it; otherwise unchanged documents keep their rows.

``reference_version`` covers the whole reference folder (whether anything a run reads changed at all). The two
extraction stages take their own: ``mentions_version`` leaves out the files only the claims stage reads and those
of the other stages (each versioned by its stage); ``claims_version`` is the mentions version with the
claims stage's files, since claims read the mentions (new mentions, new claims). An edit of the claim lexicon
extracts the claims again and leaves the mentions (at 100,000 articles 131.9 s, against 192.2 s with both); an
edit of the incidents' word lists extracts nothing again (43.5 s, against 215.0 s).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipelines.lib.digest import update_with_tree

_LIB = Path(__file__).resolve().parents[1]
# The code whose output lands in the extraction tables.
CODE_DIRS = (_LIB / "arabic", _LIB / "extract", _LIB / "reference")

# The reference files only the claims stage reads: the lexicon and what its loader reads beside it. Named here,
# not imported from their loaders: those import Polars, which `make run` with nothing to do never needs
# (tests/unit/test_reference_version.py checks the names, and loads the mentions' data without these files).
CLAIMS_FILES = ("claim_lexicon.yaml", "attacker_adjectives.csv")
# The files of the other stages, read by neither extraction stage: the incidents' word lists (in that stage's
# own version, pipelines/stages/incidents.py), the cleaner's boilerplate patterns (in the cleaner's version: an
# article it cleans differently is extracted again, one it cleans as before is not) and ingest's outlets.
OTHER_STAGES_FILES = ("time_words.yaml", "incident_words.yaml", "boilerplate.yaml", "outlets.csv")


def reference_version(reference_dir: Path) -> str:
    """Every file of the reference folder and the extraction code."""
    return _version(reference_dir, leave_out=())


def mentions_version(reference_dir: Path) -> str:
    """What the mentions stage reads: the reference folder but the claims' files and the other stages', and the
    code."""
    return _version(reference_dir, leave_out=(*CLAIMS_FILES, *OTHER_STAGES_FILES))


def claims_version(reference_dir: Path) -> str:
    """What the claims stage reads: what the mentions read (it reads the mentions) and the claims' own files."""
    return _version(reference_dir, leave_out=OTHER_STAGES_FILES)


def _version(reference_dir: Path, leave_out: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    update_with_tree(h, reference_dir, "*", leave_out=frozenset(leave_out))
    for code_dir in CODE_DIRS:
        update_with_tree(h, code_dir, "*.py")
    return h.hexdigest()[:16]
