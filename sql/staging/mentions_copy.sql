-- Exact copies of documents whose mentions are current ($copy_docs: doc_id, fingerprint), with their twins'
-- mentions as their own ($copy_actor_mentions, $copy_location_mentions; pipelines/stages/extract.py). Their
-- earlier rows, if any, mentions_drop_earlier.sql dropped. A copy names no actor or place its twin does not,
-- so the actors and locations tables need nothing.
insert into actor_mentions by name select * from copy_actor_mentions;
insert into location_mentions by name select * from copy_location_mentions;
insert into stage_state by name select 'mentions' as stage, doc_id, fingerprint from copy_docs;
