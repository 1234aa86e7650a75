-- Every place mention points at a document and a location (the whole table, keys only).
select count(*) from location_mentions m
  left join documents d on d.doc_id = m.doc_id
  left join locations l on l.location_id = m.location_id
 where d.doc_id is null or l.location_id is null;
