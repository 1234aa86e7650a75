-- Every table of the main schema of one database (placeholder database: current_database() or a name as
-- a literal) with its number of columns, for the published warehouse's metadata (row counts are counted
-- exactly per table: estimated_size keeps counting deleted rows).
select table_name, column_count
from duckdb_tables()
where database_name = {database} and schema_name = 'main' and not temporary
order by table_name;
