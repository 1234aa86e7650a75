-- Settings for a stage that writes a batch at a time; they last as long as the database instance.
-- Why these values: pipelines/stages/common.py (tune_for_bulk_writes).
set checkpoint_threshold = '512MB';
set memory_limit = '1GB';
