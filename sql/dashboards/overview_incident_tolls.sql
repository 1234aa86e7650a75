-- The headline: killed and injured summed over the incidents passing the filters, each incident counted
-- once with its best estimate, and the sums of its lowest and highest sourced figures. An outcome the
-- outcome filter leaves out shows no incident. Incidents with no figure for an outcome (only "dozens",
-- or no such victims) add nothing to it and are counted in n_without_figure.
with picked as (
    select i.*
    from incidents i
    where i.incident_id in (
        select incident_id
        from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only)
    )
),
figures as (
    select 'killed' as outcome, killed_low as low, killed_best as best, killed_high as high from picked
    union all
    select 'injured', injured_low, injured_best, injured_high from picked
)
select
    o.outcome,
    count(f.outcome) as n_incidents,
    count(f.best) as n_with_figure,
    count(f.outcome) - count(f.best) as n_without_figure,
    coalesce(sum(f.best), 0)::bigint as best,
    coalesce(sum(coalesce(f.low, f.best)), 0)::bigint as low,
    coalesce(sum(coalesce(f.high, f.best)), 0)::bigint as high
from (values ('killed', 1), ('injured', 2)) as o(outcome, pos)
left join figures f
       on f.outcome = o.outcome
      and (len($outcomes::varchar[]) = 0 or list_contains($outcomes::varchar[], o.outcome))
group by o.outcome, o.pos
order by o.pos;
