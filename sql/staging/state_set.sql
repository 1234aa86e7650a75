-- Record one run-wide value of stage_state ($1 stage, $2 key, $3 value).
merge into stage_state t
using (select $1 as stage, $2 as doc_id, $3 as fingerprint) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
