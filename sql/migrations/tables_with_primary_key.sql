-- Tables of this warehouse that have a primary key (pipelines/lib/warehouse.py, drop_text_table_keys).
select distinct table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY';
