-- Event claims of killed and of injured as a range: the sum of the lower bounds and the
-- sum of the upper bounds of quantified claims ("at least N" has no upper bound and adds
-- its lower bound; n_open says how many did). Unquantified claims are counted apart.
-- Cumulative tolls are excluded here and listed separately: they must never be summed.
with c as (
    select *
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
    where scope = 'event'
)
select
    o.outcome,
    count(c.claim_id) as n_claims,
    count(c.claim_id) filter (where c.quantified) as n_quantified,
    coalesce(sum(c.count_low) filter (where c.quantified), 0) as low,
    coalesce(sum(coalesce(c.count_high, c.count_low)) filter (where c.quantified), 0) as high,
    count(c.claim_id) filter (where c.quantified and c.count_high is null) as n_open,
    count(c.claim_id) filter (where not c.quantified) as n_unquantified,
    count(distinct c.doc_id) as n_documents
from (values ('killed', 1), ('injured', 2)) as o(outcome, pos)
left join c on c.outcome = o.outcome
group by o.outcome, o.pos
order by o.pos;
