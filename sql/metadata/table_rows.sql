-- Rows of one table ({table}: a name from the asset definitions, never user input), for dagster/row_count.
select count(*) from "{table}";
