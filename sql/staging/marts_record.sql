-- The marts now hold the documents of marts_todo as they are: remember their marks (gone documents
-- forgotten), the actor and location rows copied from, and which documents this run changed.
delete from marts_state where kind = 'document' and id in (select doc_id from marts_todo);
insert into marts_state
select 'document', n.doc_id, n.mark
from document_marks n
join marts_todo k on k.doc_id = n.doc_id;

delete from marts_state where kind in ('actor', 'location');
insert into marts_state select kind, id, mark from dimension_marks;

insert or ignore into run_documents select doc_id from marts_changed;
