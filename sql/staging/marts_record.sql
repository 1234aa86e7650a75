-- The marts now hold the documents of marts_todo as they are: remember their marks (gone documents
-- forgotten), the actor and location rows copied from, and which documents this run changed.
delete from marts_state where kind = 'document' and id in (select doc_id from marts_todo);
insert into marts_state
select 'document', n.doc_id, n.mark
from document_marks n
join marts_todo k on k.doc_id = n.doc_id;

delete from marts_state where kind in ('actor', 'location');
insert into marts_state select kind, id, mark from dimension_marks;

merge into run_documents t using (select distinct doc_id from marts_changed) s on t.doc_id = s.doc_id
 when not matched then insert by name;
