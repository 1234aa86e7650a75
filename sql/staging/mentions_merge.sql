delete from actor_mentions where doc_id in (select doc_id from batch_docs);
delete from location_mentions where doc_id in (select doc_id from batch_docs);
insert into actor_mentions by name select * from batch_actor_mentions;
insert into location_mentions by name select * from batch_location_mentions;
insert or replace into actors by name select * from batch_actors;
insert or replace into locations by name select * from batch_locations;
insert or replace into stage_state select 'mentions', doc_id, fingerprint from batch_docs;
