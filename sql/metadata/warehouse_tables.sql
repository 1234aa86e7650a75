-- Every table of the main schema of one database (placeholder database: current_database() or a name as
-- a literal) with its number of columns, and the views of the contract among its views (placeholder views: a
-- list literal; `documents` is one, read from the tables that store it), for the published warehouse's
-- metadata (row counts are counted exactly per table: estimated_size keeps counting deleted rows).
select table_name, column_count
from duckdb_tables()
where database_name = {database} and schema_name = 'main' and not temporary
union all
select v.view_name, (select count(*) from duckdb_columns() c
                     where c.database_name = v.database_name and c.schema_name = 'main' and c.table_name = v.view_name)
from duckdb_views() v
where v.database_name = {database} and v.schema_name = 'main' and list_contains({views}, v.view_name)
order by 1;
