-- Can the incident views be shown: the incidents table, the claims' incident_id and the dashboard's
-- incident macros (sql/marts/065) all present, and how many incidents there are to show.
select
    count(*) filter (where table_name = 'incidents') > 0 as has_incidents_table,
    count(*) filter (where table_name = 'casualty_claims' and column_name = 'incident_id') > 0 as has_incident_id,
    (select count(*) from duckdb_functions() where function_name = 'incident_ids_f') > 0 as has_macros
from information_schema.columns
where table_name in ('incidents', 'casualty_claims');
