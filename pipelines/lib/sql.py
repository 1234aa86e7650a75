"""SQL lives in ``sql/`` as files; this loads them by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


@cache
def sql(name: str) -> str:
    """Text of ``sql/<name>.sql`` (``name`` may include a folder, e.g. ``staging/merge_raw_files``)."""
    path = SQL_DIR / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"no SQL file {path}")
    return path.read_text(encoding="utf-8")


def sql_files(folder: str) -> list[Path]:
    """Every ``.sql`` file of ``sql/<folder>/`` in name order."""
    return sorted((SQL_DIR / folder).glob("*.sql"))
