-- The columns of some tables (placeholder tables: a list of names from the asset definitions), in order,
-- for their Dagster column schemas: table, name, type, nullable. One statement for all of an asset's
-- tables: on the lake every statement pays a catalog lookup.
select table_name, column_name, data_type, is_nullable
from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and table_name in ({tables})
order by table_name, column_index;
