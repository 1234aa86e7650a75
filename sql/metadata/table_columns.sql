-- The columns of a table of this warehouse's main schema, in order, for its Dagster column schema.
-- $1 the table's name.
select column_name, data_type, is_nullable, comment
from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and table_name = $1
order by column_index;
