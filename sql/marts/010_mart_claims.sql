-- mart_claims: one row per casualty claim read from a canonical document, with the
-- labels the dashboard filters and groups by already resolved, so every dashboard
-- query is a plain filter + aggregate over one table.
-- Labels for missing values are bilingual because they are shown as chart categories.
-- Rows of the documents in mart_scope: pipelines/stages/marts.py builds the table or replaces those
-- documents' rows (so does every NNN_mart_*.sql file).
with gov as (
    -- a governorate-level location is its own governorate; a country-level one has none
    select
        l.location_id,
        coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end) as governorate_en,
        coalesce(l.admin1_ar, case when l.kind = 'governorate' then l.name_ar end) as governorate_ar
    from locations l
)
select
    c.claim_id,
    c.doc_id,
    c.sentence_no,
    coalesce(nullif(trim(d.outlet), ''), 'unknown') as outlet,
    d.title,
    cast(d.published_at as date) as published_date,
    c.outcome,
    c.count_low,
    c.count_high,
    c.quantified,
    c.scope,
    c.cause,
    c.victim_group,
    c.victim_actor_id,
    va.name_ar as victim_actor,
    coalesce(va.side, 'unknown') as victim_side,
    c.perpetrator_actor_id,
    coalesce(pa.name_ar, nullif(trim(c.perpetrator_text), ''), 'غير مذكور · not stated') as perpetrator,
    c.claimed_by_actor_id,
    coalesce(ca.name_ar, nullif(trim(c.claimed_by_text), ''), 'الوسيلة نفسها · the outlet itself') as claimant,
    coalesce(ca.side, 'unknown') as claimant_side,
    c.claimant_id,              -- the claimant as an entity (a person rolled up, generic sources unified)
    c.location_id,
    coalesce(l.name_ar, nullif(trim(c.location_text), '')) as location_name,
    l.name_en as location_en,
    coalesce(g.governorate_en, 'unknown') as governorate,
    g.governorate_ar,
    l.lat,
    l.lon,
    l.geo_precision,
    c.evidence,
    c.mention_text,
    c.char_start,
    c.char_end,
    -- where the claim phrase sits inside the evidence sentence, for highlighting;
    -- the document offset is authoritative, a text search is the fallback
    case
        when s.char_start is not null
             and substr(c.evidence, c.char_start - s.char_start + 1, length(c.mention_text)) = c.mention_text
            then c.char_start - s.char_start
        else nullif(instr(c.evidence, c.mention_text), 0) - 1
    end as phrase_start
from mart_scope k
join casualty_claims c on c.doc_id = k.doc_id
join documents d on d.doc_id = c.doc_id and d.status = 'ok'
left join sentences s on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no
left join actors va on va.actor_id = c.victim_actor_id
left join actors pa on pa.actor_id = c.perpetrator_actor_id
left join actors ca on ca.actor_id = c.claimed_by_actor_id
left join locations l on l.location_id = c.location_id
left join gov g on g.location_id = c.location_id;
