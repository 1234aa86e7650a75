-- Who claims what: claims by claimant and by the victims' side (the named victim actor's
-- side, else the victim group the claim gives).
select
    claimant,
    any_value(a.name_en) as claimant_en,
    case when victim_actor_id is not null then victim_side else victim_group end as victim_side,
    outcome,
    count(*) as n_claims,
    coalesce(sum(count_low) filter (where quantified and scope = 'event'), 0) as low
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants) c
left join actors a on a.actor_id = c.claimed_by_actor_id
group by claimant, 3, outcome
order by n_claims desc, claimant;
