-- Who claims what: claims by claimant and by the victims' side (the named victim actor's
-- side, else the victim group the claim gives).
select
    claimant,
    case when victim_actor_id is not null then victim_side else victim_group end as victim_side,
    outcome,
    count(*) as n_claims,
    coalesce(sum(count_low) filter (where quantified and scope = 'event'), 0) as low
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
group by all
order by n_claims desc, claimant;
