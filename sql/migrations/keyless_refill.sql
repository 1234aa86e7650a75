-- Step 2: the rows move to the new table, the old one goes.
insert into {table} by name select * from {table}__keyed;
drop table {table}__keyed;
