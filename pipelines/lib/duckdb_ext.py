"""Load DuckDB extensions shipped as PyPI packages (``duckdb-extension-<name>``).

DuckDB would otherwise try to download extensions at run time, and there is no
network where Rasd runs; the wheel carries the binary, so we LOAD it by path.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb


def extension_path(name: str) -> Path:
    """Path of the ``.duckdb_extension`` file inside the ``duckdb_extension_<name>`` package."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"DuckDB extension '{name}' is not installed: pip install duckdb-extension-{name}=={duckdb.__version__}"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    wanted = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if wanted.exists():
        return wanted
    found = sorted(root.glob(f"extensions/*/{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"no {name}.duckdb_extension file under {root}")
    return found[-1]


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD a packaged extension into ``con`` without touching the network."""
    con.execute(f"LOAD '{extension_path(name).as_posix()}'")
