-- Every actor mention points at a document and an actor (the whole table, keys only).
select count(*) from actor_mentions m
  left join documents d on d.doc_id = m.doc_id
  left join actors a on a.actor_id = m.actor_id
 where d.doc_id is null or a.actor_id is null;
