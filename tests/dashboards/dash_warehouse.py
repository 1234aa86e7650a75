"""The small warehouse the dashboard tests read, built by the real pipeline.

The corpus is the project's seed articles plus two files made here: an exact copy of a
seed (so there is a duplicate to list) and an article whose text carries HTML and
markdown (so escaping is tested on what the pipeline really stores).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "articles"

HOSTILE_NAME = "900_markup_test.txt"
HOSTILE_TEXT = (
    "تقرير <script>alert('rasd')</script> عن **قصف** على حلب\n"
    "\n"
    "قال المرصد السوري لحقوق الإنسان إن 7 مدنيين قتلوا وأصيب 12 آخرون في قصف لقوات النظام على مدينة حلب، "
    "وفق ما ذكرت وكالة _سانا_ في [رابط](javascript:alert(1)) و $x$ :red[نص].\n"
    "\n"
    "وأضاف المرصد أن <b>القصف</b> استهدف حي الشعار في حلب الشرقية.\n"
)
DUPLICATE_NAME = "901_duplicate_of_seed.txt"
# Known bad inputs the pipeline must quarantine (and the Pipeline page must list with a reason).
EMPTY_NAME = "902_empty.txt"
BINARY_NAME = "903_binary.txt"
BINARY_BYTES = bytes(range(256)) * 4


def make_corpus(folder: Path) -> Path:
    """Seeds, an exact copy of the first seed, the markup article, an empty and a binary file."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for src in seeds:
        shutil.copy2(src, folder / src.name)
    shutil.copy2(seeds[0], folder / DUPLICATE_NAME)
    (folder / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / EMPTY_NAME).write_bytes(b"")
    (folder / BINARY_NAME).write_bytes(BINARY_BYTES)
    return folder


def build(base: Path) -> Path:
    """Build (once per ``base``) and return the path of the published test warehouse."""
    warehouse = base / "warehouse.duckdb"
    if warehouse.exists():
        return warehouse
    from pipelines.cli import build_warehouse

    facts = build_warehouse(make_corpus(base / "corpus"), warehouse, base / "lake")
    if not facts.get("success") or not warehouse.exists():
        raise RuntimeError(f"the pipeline did not publish a test warehouse: {facts}")
    return warehouse
