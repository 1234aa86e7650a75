-- Every revised figure points at a claim of its own incident and outcome.
select count(*)
from casualty_claims c
left join casualty_claims r on r.claim_id = c.revises_claim_id
where c.revises_claim_id is not null
  and (r.claim_id is null or r.incident_id is distinct from c.incident_id or r.outcome <> c.outcome);
