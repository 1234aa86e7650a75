-- Incident keys are unique; per outcome low <= best <= high (all three set or none); dates in order; every
-- incident holds at least one claim, and exactly as many as casualty_claims places in it.
select (select count(*) - count(distinct incident_id) from incidents)
     + (select count(*) from incidents
         where not (killed_low <= killed_best and killed_best <= killed_high)
                and not (killed_low is null and killed_best is null and killed_high is null)
            or not (injured_low <= injured_best and injured_best <= injured_high)
                and not (injured_low is null and injured_best is null and injured_high is null)
            or event_date_low > event_date_high
            or n_claims < 1 or n_articles < 1 or n_outlets < 1 or n_independent_sources < 1
            or n_articles > n_claims or n_independent_sources > n_claims)
     + (select count(*)
          from incidents i
          left join (select incident_id, count(*) as n from casualty_claims where incident_id is not null group by all) c
                 on c.incident_id = i.incident_id
         where c.n is distinct from i.n_claims);
