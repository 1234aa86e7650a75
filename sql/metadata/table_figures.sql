-- One table's figures for its asset's metadata: its rows, its rows in canonical documents (the filter of
-- table_canonical_rows.sql, or null) and its first rows in storage order as JSON objects (the preview).
-- Placeholders: name (the table's name as a literal), table (quoted), canonical, rows (how many to preview).
-- An asset's tables are read in one statement, these joined by UNION ALL after table_figures_with.sql; both
-- counts come from one pass over the table (on the lake each read of a table pays a catalog look-up).
select {name} as table_name, f.n_rows, f.n_canonical,
       (select list(to_json(p)::varchar) from (select * from {table} limit {rows}) p) as preview
from (select count(*) as n_rows, {canonical} as n_canonical from {table}) f;
