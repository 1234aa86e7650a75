-- Tables present in the warehouse (the dashboard checks for the marts before showing anything).
select table_name from information_schema.tables where table_schema = 'main';
