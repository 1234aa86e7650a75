-- Before every live document is re-extracted (new reference data or code): detected persons and places are
-- detected afresh; otherwise they keep the rows of their first detection (mentions_merge.sql). Rows that a
-- deleted document's mentions still name stay: those mentions are not re-extracted (their files left the
-- corpus, as when the corpus folder is swapped for another), and must keep resolving.
delete from actors a
 where a.source = 'detected'
   and not exists (select 1 from actor_mentions m join documents d on d.doc_id = m.doc_id
                    where d.status = 'deleted' and m.actor_id = a.actor_id);
delete from locations l
 where l.source = 'detected'
   and not exists (select 1 from location_mentions m join documents d on d.doc_id = m.doc_id
                    where d.status = 'deleted' and m.location_id = l.location_id);
