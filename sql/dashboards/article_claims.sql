-- The claims read from one document, in text order.
select
    claim_id, sentence_no, outcome, count_low, count_high, quantified, scope, victim_group, victim_actor,
    perpetrator, claimant, location_name, governorate, cause, mention_text, char_start, char_end, evidence
from mart_claims
where doc_id = $doc_id
order by char_start;
