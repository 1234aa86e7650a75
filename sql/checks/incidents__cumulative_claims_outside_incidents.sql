-- No cumulative claim, nor any claim of a deleted document, belongs to an incident.
select (select count(*) from casualty_claims where scope = 'cumulative' and incident_id is not null)
     + (select count(*) from casualty_claims c join documents d on d.doc_id = c.doc_id
         where d.status = 'deleted' and c.incident_id is not null);
