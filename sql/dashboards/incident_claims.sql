-- The claims of one incident ($incident_id) from canonical articles, side by side: who gave which figure,
-- in which outlet and when, the evidence sentence with where the claim phrase sits in it, the article's
-- link, the claim it revises and the total a breakdown sits inside. source_key is the independent source
-- (the claimant, else the outlet), as the incidents stage counts it.
select
    m.claim_id,
    m.doc_id,
    m.outcome,
    m.count_low,
    m.count_high,
    m.quantified,
    m.victim_group,
    coalesce(ka.name_ar, m.claimant) as claimant,
    coalesce(ka.name_en, ca.name_en) as claimant_en,
    coalesce(k.named_source, m.outlet) as source_key,
    m.outlet,
    m.title,
    m.published_date,
    k.event_date_low,
    k.event_date_high,
    k.revises_claim_id,
    k.part_of_claim_id,
    m.location_name,
    m.evidence,
    m.mention_text,
    m.phrase_start,
    d.url
from mart_claims m
join claim_incidents() k on k.claim_id = m.claim_id
join documents d on d.doc_id = m.doc_id
left join actors ka on ka.actor_id = k.claimant_id
left join actors ca on ca.actor_id = m.claimed_by_actor_id
where k.incident_id = $incident_id
order by m.outcome desc, m.published_date nulls last, m.doc_id, m.char_start;
