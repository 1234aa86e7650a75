-- Best estimates by incident date: the filtered incidents per day the event began (event_date_low) and
-- outcome, with the sums of best, low and high figures. Incidents with no event date are counted apart
-- by the page, never placed on a day they did not happen.
with picked as (
    select *
    from incidents
    where incident_id in (
              select incident_id
              from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only))
      and event_date_low is not null
),
figures as (
    select event_date_low, 'killed' as outcome, killed_low as low, killed_best as best, killed_high as high
    from picked
    union all
    select event_date_low, 'injured', injured_low, injured_best, injured_high from picked
)
select
    event_date_low as event_date,
    outcome,
    count(*) as n_incidents,
    sum(best)::bigint as best,
    sum(coalesce(low, best))::bigint as low,
    sum(coalesce(high, best))::bigint as high
from figures
where best is not null
  and (len($outcomes::varchar[]) = 0 or list_contains($outcomes::varchar[], outcome))
group by event_date_low, outcome
order by event_date_low, outcome;
