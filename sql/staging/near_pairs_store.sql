-- After a dedup run: the pairs of documents no longer live as judged ($near_pairs_live: doc_id, fingerprint,
-- is_new for every live document) are dropped, the pairs found for the new ones ($near_pairs_found: doc_a,
-- doc_b) added, and every live document marked as judged under its fingerprint.
delete from doc_near_pairs
 where doc_a not in (select doc_id from near_pairs_live where not is_new)
    or doc_b not in (select doc_id from near_pairs_live where not is_new);
insert into doc_near_pairs by name select doc_a, doc_b from near_pairs_found;
delete from stage_state
 where stage = 'near_pairs' and doc_id not in (select doc_id from near_pairs_live);
merge into stage_state t
using (select 'near_pairs' as stage, doc_id, fingerprint from near_pairs_live where is_new) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
