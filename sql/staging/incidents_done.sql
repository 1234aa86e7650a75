-- Remember which version of each document ($todo_docs: doc_id, fingerprint) the incidents stage placed.
insert or replace into stage_state select 'incidents', doc_id, fingerprint from todo_docs;
