-- Claims point at incidents that exist; a cumulative claim, or a claim of a deleted document, is in none; a
-- revision points at an earlier claim of its own incident and outcome; a breakdown at a claim of its own
-- document; event dates are in order.
select (select count(*) from casualty_claims c
         where c.incident_id is not null and c.incident_id not in (select incident_id from incidents))
     + (select count(*) from casualty_claims where scope = 'cumulative' and incident_id is not null)
     + (select count(*) from casualty_claims c join documents d on d.doc_id = c.doc_id
         where d.status = 'deleted' and c.incident_id is not null)
     + (select count(*) from casualty_claims c
          left join casualty_claims r on r.claim_id = c.revises_claim_id
         where c.revises_claim_id is not null
           and (r.claim_id is null or r.incident_id is distinct from c.incident_id or r.outcome <> c.outcome))
     + (select count(*) from casualty_claims c
          left join casualty_claims t on t.claim_id = c.part_of_claim_id
         where c.part_of_claim_id is not null and (t.claim_id is null or t.doc_id <> c.doc_id))
     + (select count(*) from casualty_claims where event_date_low > event_date_high);
