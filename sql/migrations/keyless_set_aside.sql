-- Step 1 of rebuilding {table} without its primary key: the old table is set aside; its DDL file then
-- creates the new one (pipelines/lib/warehouse.py, drop_text_table_keys).
alter table {table} rename to {table}__keyed;
