-- Before every document is re-extracted (new reference data or code): detected persons and places are
-- detected afresh; otherwise they keep the rows of their first detection (mentions_merge.sql).
delete from actors where source = 'detected';
delete from locations where source = 'detected';
