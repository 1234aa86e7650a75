"""The bench's +1% run is timed several times from one saved lake: what it saves and puts back."""

import os

from bench.run import _copy_state


def test_the_lake_is_saved_with_its_parquet_files_linked_and_the_rest_copied(tmp_path):
    warehouse, lake = tmp_path / "warehouse.duckdb", tmp_path / "lake"
    (lake / "tables" / "main" / "documents").mkdir(parents=True)
    parquet = lake / "tables" / "main" / "documents" / "ducklake-1.parquet"
    parquet.write_bytes(b"PAR1 rows")
    (lake / "catalog.sqlite").write_bytes(b"catalog at the saved snapshot")
    warehouse.write_bytes(b"release file")
    kept_warehouse, kept_lake = tmp_path / "kept.duckdb", tmp_path / "kept"

    _copy_state(warehouse, lake, kept_warehouse, kept_lake)
    # The run after it adds a file, drops the Parquet file and rewrites the catalog and the warehouse in place.
    (lake / "catalog.sqlite").write_bytes(b"catalog after the run")
    warehouse.write_bytes(b"release file after the run")
    parquet.unlink()
    (lake / "tables" / "main" / "documents" / "ducklake-2.parquet").write_bytes(b"PAR1 new rows")
    _copy_state(kept_warehouse, kept_lake, warehouse, lake)

    assert warehouse.read_bytes() == b"release file"
    assert (lake / "catalog.sqlite").read_bytes() == b"catalog at the saved snapshot"
    assert sorted(p.name for p in (lake / "tables" / "main" / "documents").iterdir()) == ["ducklake-1.parquet"]
    assert parquet.read_bytes() == b"PAR1 rows"
    assert os.stat(parquet).st_ino == os.stat(kept_lake / "tables" / "main" / "documents" / "ducklake-1.parquet").st_ino
    assert os.stat(lake / "catalog.sqlite").st_ino != os.stat(kept_lake / "catalog.sqlite").st_ino
