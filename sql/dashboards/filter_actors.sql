-- Actors that appear in canonical documents (mentioned or tied to a claim), most mentioned first.
with seen as (
    select actor_id, count(*) as n from mart_actor_mentions group by actor_id
    union all
    select unnest([perpetrator_actor_id, claimed_by_actor_id, victim_actor_id]) as actor_id, 1 as n
    from mart_claims
)
select
    a.actor_id,
    a.name_ar || coalesce(' · ' || a.name_en, '') as label,
    sum(s.n) as n
from seen s
join actors a on a.actor_id = s.actor_id
group by a.actor_id, a.name_ar, a.name_en
order by n desc, label;
