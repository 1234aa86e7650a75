delete from actor_mentions where doc_id in (select doc_id from batch_docs);
delete from location_mentions where doc_id in (select doc_id from batch_docs);
insert into actor_mentions by name select * from batch_actor_mentions;
insert into location_mentions by name select * from batch_location_mentions;
-- Dictionary and gazetteer rows are the reference's own; a detected person or place keeps the row of its
-- first detection (another document naming it later must not change what every earlier mention shows,
-- nor make the marts redo those documents). run_mentions drops detected rows before a full re-extraction.
insert or replace into actors by name select * from batch_actors where source <> 'detected';
insert or ignore into actors by name select * from batch_actors where source = 'detected';
insert or replace into locations by name select * from batch_locations where source <> 'detected';
insert or ignore into locations by name select * from batch_locations where source = 'detected';
insert or replace into stage_state select 'mentions', doc_id, fingerprint from batch_docs;
