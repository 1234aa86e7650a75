-- The claims of the documents to place again ($todo_docs) leave their incidents and dates.
update casualty_claims
   set incident_id = null, revises_claim_id = null, part_of_claim_id = null,
       event_date_low = null, event_date_high = null, event_date_basis = null
 where doc_id in (select doc_id from todo_docs)
   and (incident_id is not null or event_date_basis is not null or part_of_claim_id is not null);
