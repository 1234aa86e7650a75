-- What one stage did this run ($1 stage, $2 documents processed, $3 changed, $4 seconds); a stage run twice
-- in a run keeps its last figures.
merge into run_log t
using (select $1 as stage, $2::bigint as n_processed, $3::bigint as n_changed, $4::double as seconds) s
   on t.stage = s.stage
 when matched then update set n_processed = s.n_processed, n_changed = s.n_changed, seconds = s.seconds
 when not matched then insert by name;
