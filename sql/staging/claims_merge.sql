delete from casualty_claims where doc_id in (select doc_id from batch_docs);
insert into casualty_claims by name select * from batch_claims;
insert or replace into stage_state select 'claims', doc_id, fingerprint from batch_docs;
