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


@pytest.fixture
def counted_words(monkeypatch) -> list[str]:
    """The doc_ids whose words the search index counts from here on (``search_index.count_words`` recorded)."""
    from pipelines.lib import search_index

    counted: list[str] = []
    count_words = search_index.count_words

    def recording(texts, workers: int = 1) -> search_index.DocumentWords:
        texts = list(texts)
        counted.extend(doc_id for frame in texts for doc_id in frame["doc_id"])
        return count_words(texts, workers)

    monkeypatch.setattr(search_index, "count_words", recording)
    return counted
