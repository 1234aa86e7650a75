-- The columns of one table ({table}), in order, for its Dagster column schema: name, type, nullability
-- ('YES'/'NO'), key ('PRI' or null). (duckdb_columns() filtered by a bound table name took 1.5 s on the
-- dev warehouse; DESCRIBE takes milliseconds.)
describe "{table}";
