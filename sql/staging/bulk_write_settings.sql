-- Settings for a stage that writes a batch at a time; they last as long as the database instance.
-- Why this value: pipelines/stages/common.py (tune_for_bulk_writes). DuckDB's memory limit is set on every
-- connection the pipeline opens (pipelines/lib/warehouse.py, duckdb_config: RASD_DUCKDB_MEMORY).
set checkpoint_threshold = '512MB';
