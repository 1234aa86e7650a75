-- Every place mentioned or tied to a claim, with how precisely it is placed. Places the
-- gazetteer could not resolve keep null coordinates and are listed, never put at 0,0.
with m as (
    select location_id, count(*) as n_mentions, count(distinct doc_id) as n_documents
    from location_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
    group by location_id
),
c as (
    select location_id, count(*) as n_claims
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
    where location_id is not null
    group by location_id
)
select
    l.location_id,
    l.name_ar,
    l.name_en,
    l.kind,
    coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end, 'unknown') as governorate,
    coalesce(l.admin1_ar, case when l.kind = 'governorate' then l.name_ar end) as governorate_ar,
    l.lat,
    l.lon,
    l.geo_precision,
    case l.geo_precision
        when 1 then 'place'
        when 2 then 'district / nearby'
        when 3 then 'governorate'
        when 4 then 'country'
        else 'unresolved'
    end as precision_label,
    l.source,
    coalesce(m.n_mentions, 0) as n_mentions,
    coalesce(m.n_documents, 0) as n_documents,
    coalesce(c.n_claims, 0) as n_claims
from locations l
left join m on m.location_id = l.location_id
left join c on c.location_id = l.location_id
where m.location_id is not null or c.location_id is not null
order by (l.lat is null) desc, n_claims desc, n_mentions desc, l.name_ar;
