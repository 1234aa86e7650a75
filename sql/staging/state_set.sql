-- Record one run-wide value of stage_state ($1 stage, $2 key, $3 value).
insert or replace into stage_state values ($1, $2, $3);
