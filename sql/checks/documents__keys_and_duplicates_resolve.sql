select (select count(*) - count(distinct doc_id) from documents)
     + (select count(*) from documents where status not in ('ok', 'duplicate', 'deleted'))
     + (select count(*) from documents d left join documents c on c.doc_id = d.duplicate_of
         where d.status = 'duplicate' and (c.doc_id is null or c.status <> 'ok'
               or d.dup_similarity is null or d.dup_similarity < 0 or d.dup_similarity > 1))
     + (select count(*) from documents where status = 'ok' and duplicate_of is not null);
