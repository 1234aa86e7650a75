-- One extracted batch of documents ($batch_docs) whose earlier mentions, if any, mentions_drop_earlier.sql dropped.
insert into actor_mentions by name select * from batch_actor_mentions;
insert into location_mentions by name select * from batch_location_mentions;
-- Dictionary and gazetteer rows are the reference's own; a detected person or place keeps the row of its
-- first detection (another document naming it later must not change what every earlier mention shows,
-- nor make the marts redo those documents). run_mentions drops detected rows before a full re-extraction.
-- (MERGE, not a key: DuckLake tables have none, and actor_ids_unique / location_ids_unique check it.)
merge into actors t
using (select * from batch_actors qualify row_number() over (partition by actor_id order by source = 'detected') = 1) s
   on t.actor_id = s.actor_id
 when matched and s.source <> 'detected' then update by name
 when not matched then insert by name;
merge into locations t
using (select * from batch_locations qualify row_number() over (partition by location_id order by source = 'detected') = 1) s
   on t.location_id = s.location_id
 when matched and s.source <> 'detected' then update by name
 when not matched then insert by name;
-- The batch's documents are done under their fingerprint: mentions_drop_earlier.sql removed the stage_state rows
-- of those extracted before.
insert into stage_state by name select 'mentions' as stage, doc_id, fingerprint from batch_docs;
