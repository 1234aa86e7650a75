-- One extracted batch of documents ($batch_docs) whose earlier mentions, if any, mentions_drop_earlier.sql dropped.
insert into actor_mentions by name select * from batch_actor_mentions;
insert into location_mentions by name select * from batch_location_mentions;
-- Dictionary and gazetteer rows are the reference's own: run_mentions deleted them before the run's first batch,
-- which writes them, and each later batch names them again as they are. A detected person or place keeps the row
-- of its first detection (another document naming it later must not change what every earlier mention shows,
-- nor make the marts redo those documents); run_mentions drops detected rows before a full re-extraction. The
-- ids of the two never meet (detected ones start "person:" / "place:", which the reference loaders refuse), so
-- a batch adds only the rows whose id the table lacks. (Not a key: DuckLake tables have none, and
-- actor_ids_unique / location_ids_unique check it. Not MERGE either, which updated every reference row of every
-- batch to the same values: 2 x 35-40 ms a batch at 100,000 articles, against 12 ms for this insert.)
insert into actors by name
select s.*
  from (select * from batch_actors qualify row_number() over (partition by actor_id order by source = 'detected') = 1) s
  anti join actors t on t.actor_id = s.actor_id;
insert into locations by name
select s.*
  from (select * from batch_locations qualify row_number() over (partition by location_id order by source = 'detected') = 1) s
  anti join locations t on t.location_id = s.location_id;
-- The batch's documents are done under their fingerprint: mentions_drop_earlier.sql removed the stage_state rows
-- of those extracted before.
insert into stage_state by name select 'mentions' as stage, doc_id, fingerprint from batch_docs;
