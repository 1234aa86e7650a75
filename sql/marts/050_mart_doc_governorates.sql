-- mart_doc_governorates: the governorates a canonical document talks about (through its
-- place mentions or its claims), so the governorate filter can narrow document-level views. Rows of the
-- documents in mart_scope (the two marts read hold theirs already).
select m.doc_id, m.governorate
from mart_scope k join mart_location_mentions m on m.doc_id = k.doc_id
where m.governorate <> 'unknown'
union
select c.doc_id, c.governorate
from mart_scope k join mart_claims c on c.doc_id = k.doc_id
where c.governorate <> 'unknown';
