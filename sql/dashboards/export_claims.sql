-- One row per casualty claim of a canonical article passing the filters, for download: stable ids,
-- numbers as numbers, both names of every actor and place, coordinates with their precision, and the
-- article's own URL when it is an absolute one. Columns are described in dashboards/assets/columns.csv.
-- $doc_id narrows to one article (the article page's claims tab); null means every article.
select
    c.claim_id,
    c.doc_id,
    c.sentence_no,
    c.char_start,
    c.char_end,
    c.outcome,
    c.count_low,
    c.count_high,
    c.quantified,
    c.scope,
    k.incident_id,
    k.event_date_low,
    k.event_date_high,
    c.cause,
    c.victim_group,
    c.victim_actor_id,
    va.name_ar as victim_actor_ar,
    va.name_en as victim_actor_en,
    c.perpetrator_actor_id,
    pa.name_ar as perpetrator_ar,
    pa.name_en as perpetrator_en,
    nullif(trim(k.perpetrator_text), '') as perpetrator_text,
    c.claimed_by_actor_id,
    ca.name_ar as claimed_by_ar,
    ca.name_en as claimed_by_en,
    nullif(trim(k.claimed_by_text), '') as claimed_by_text,
    c.location_id,
    l.name_ar as location_ar,
    l.name_en as location_en,
    nullif(trim(k.location_text), '') as location_text,
    c.governorate_ar,
    nullif(c.governorate, 'unknown') as governorate_en,
    c.lat,
    c.lon,
    c.geo_precision,
    nullif(c.outlet, 'unknown') as outlet,
    c.published_date,
    c.title,
    case when regexp_matches(d.url, '^https?://') then d.url end as source_url,
    c.mention_text,
    c.evidence
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants) c
join casualty_claims k on k.claim_id = c.claim_id
join documents d on d.doc_id = c.doc_id
left join actors va on va.actor_id = c.victim_actor_id
left join actors pa on pa.actor_id = c.perpetrator_actor_id
left join actors ca on ca.actor_id = c.claimed_by_actor_id
left join locations l on l.location_id = c.location_id
where $doc_id::varchar is null or c.doc_id = $doc_id::varchar
order by c.published_date desc nulls last, c.doc_id, c.char_start, c.claim_id;
