-- One run-wide value of stage_state ($1 stage, $2 key): the input digest, the marts' SQL digest.
select fingerprint from stage_state where stage = $1 and doc_id = $2;
