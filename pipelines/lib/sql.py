"""SQL lives in ``sql/`` as files; this loads them by name."""

from __future__ import annotations

import re
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


def reader_macro_files() -> list[Path]:
    """The mart scripts that only define the macros readers call (``sql/marts/*macro*.sql``): the lake
    stores no macros with parameters (DuckLake 1.5.5 cannot load its catalog back once it holds one), so
    every reader creates them on its own connection (:func:`create_reader_macros`) and the release file
    stores them."""
    return [p for p in sql_files("marts") if "macro" in p.stem]


_CREATE_MACRO = re.compile(r"\bcreate\s+or\s+replace\s+macro\s+", re.I)


def create_reader_macros(con, catalog: str = "temp") -> None:
    """Create the readers' macros in ``catalog`` of ``con``'s database: ``temp`` (this connection only) or
    ``memory`` (every cursor of the instance; they then need ``memory.main`` on their search path). They
    read the tables of the default catalog, the lake, when called."""
    prefix = "create or replace temp macro " if catalog == "temp" else f"create or replace macro {catalog}.main."
    for path in reader_macro_files():
        con.execute(_CREATE_MACRO.sub(prefix, path.read_text(encoding="utf-8")))
