-- Every mart table of the warehouse: a full rebuild drops them all, then builds them again.
select table_name
from duckdb_tables()
where database_name = current_database() and schema_name = 'main' and not temporary
  and table_name like 'mart\_%' escape '\';
