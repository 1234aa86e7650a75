-- Revisions read from the members ($revisions: claim_id, revises_claim_id), then every affected incident
-- rewritten from its claims.
update casualty_claims
   set revises_claim_id = r.revises_claim_id
  from revisions r
 where casualty_claims.claim_id = r.claim_id
   and casualty_claims.revises_claim_id is distinct from r.revises_claim_id;
