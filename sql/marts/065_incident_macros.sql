-- The incident columns of casualty_claims as the dashboard reads them, written once as table macros.
-- The incidents stage adds incident_id, event_date_low/high and revises_claim_id (part_of_claim_id for a
-- breakdown inside a total), and the claimant stage claimant_id; the union by name gives every column
-- a NULL where a warehouse was built before that stage existed, so the dashboard's SQL binds either way.
create or replace macro claim_incidents() as table
select
    claim_id,
    incident_id,
    event_date_low,
    event_date_high,
    revises_claim_id,
    part_of_claim_id,
    claimant_id,
    -- who a figure comes from, before the outlet that printed it (the outlet is the fallback source)
    coalesce(claimant_id, claimed_by_actor_id, nullif(trim(claimed_by_text), '')) as named_source
from (
    from casualty_claims
    union all by name
    (select null::varchar as incident_id, null::date as event_date_low, null::date as event_date_high,
            null::varchar as revises_claim_id, null::varchar as part_of_claim_id, null::varchar as claimant_id
     limit 0)
);

-- The incidents with at least one claim passing the sidebar's filters (same parameters as claims_f): an
-- incident is shown when one of its claims is, with the figures of the whole incident.
create or replace macro incident_ids_f(outlets, date_from, date_to, governorates, actors, outcomes, quantified_only)
as table
select distinct k.incident_id
from claims_f(outlets, date_from, date_to, governorates, actors, outcomes, quantified_only) m
join claim_incidents() k on k.claim_id = m.claim_id
where k.incident_id is not null;

-- Every incident with its place, governorate and perpetrator named in Arabic and English and each outcome's
-- low / best / high: one select for the Incidents page's list and the incidents download. An incident placed
-- at a governorate is in that governorate.
create or replace macro incidents_named() as table
select
    i.incident_id,
    i.event_date_low,
    i.event_date_high,
    i.location_id,
    l.name_ar as location_ar,
    l.name_en as location_en,
    coalesce(l.admin1_ar, case when l.kind = 'governorate' then l.name_ar end) as governorate_ar,
    coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end) as governorate_en,
    l.lat,
    l.lon,
    i.geo_precision,
    i.cause,
    i.perpetrator_actor_id,
    pa.name_ar as perpetrator_ar,
    pa.name_en as perpetrator_en,
    i.killed_low,
    i.killed_best,
    i.killed_high,
    i.injured_low,
    i.injured_best,
    i.injured_high,
    i.n_claims,
    i.n_articles,
    i.n_outlets,
    i.n_independent_sources
from incidents i
left join locations l on l.location_id = i.location_id
left join actors pa on pa.actor_id = i.perpetrator_actor_id;
