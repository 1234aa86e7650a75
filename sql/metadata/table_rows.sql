-- Rows of one table for the published warehouse's list of tables. Placeholders: name (the table's name as
-- a literal), table (quoted, with its database and schema where
-- needed; a name from the catalog, never user input). One such select per table, joined
-- by UNION ALL into one statement.
select {name} as table_name, count(*) as n_rows from {table};
