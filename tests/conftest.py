"""Shared fixtures: paths of the project, the seeds and ../shared (skipped with a reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
REFERENCE = ROOT / "seeds" / "reference"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seeds.json").exists():
        pytest.skip(f"needs ../shared beside the project ({SHARED} not found): gold files are not shipped")
    return SHARED
