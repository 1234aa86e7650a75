-- Claimants of claims in canonical documents (casualty_claims.claimant_id), most claims first.
select
    m.claimant_id,
    a.name_ar || coalesce(' · ' || a.name_en, '') as label,
    count(*) as n
from mart_claims m
join actors a on a.actor_id = m.claimant_id
group by m.claimant_id, a.name_ar, a.name_en
order by n desc, label;
