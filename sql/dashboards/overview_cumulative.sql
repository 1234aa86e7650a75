-- Cumulative tolls (running totals over a war or a long period), one row each, never summed.
select
    outcome,
    count_low,
    count_high,
    claimant,
    location_name,
    outlet,
    published_date,
    title,
    doc_id,
    evidence
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
where scope = 'cumulative'
order by outcome, count_low desc nulls last, doc_id;
