-- Remember which version of each document ($todo_docs: doc_id, fingerprint) the incidents stage placed.
merge into stage_state t
using (select 'incidents' as stage, doc_id, fingerprint from todo_docs) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
