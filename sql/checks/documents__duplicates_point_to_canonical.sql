-- Every duplicate names, in duplicate_of, a canonical document it resembles with a similarity between
-- 0 and 1.
select count(*) from documents d left join documents c on c.doc_id = d.duplicate_of
 where d.status = 'duplicate' and (c.doc_id is null or c.status <> 'ok'
       or d.dup_similarity is null or d.dup_similarity < 0 or d.dup_similarity > 1);
