-- Who each claim's figure comes from, before casualty_claims has a claimant_id column: the named claimant, else
-- the outlet speaking in its own voice.
create or replace temp view incident_claim_sources as
select c.claim_id, coalesce(c.claimed_by_actor_id, c.claimed_by_text, d.outlet, c.doc_id) as source_key
from casualty_claims c join documents d on d.doc_id = c.doc_id
where c.incident_id in (select incident_id from affected_incidents);
