-- Every incident holds exactly as many claims as casualty_claims places in it.
select count(*)
from incidents i
left join (select incident_id, count(*) as n from casualty_claims where incident_id is not null group by all) c
       on c.incident_id = i.incident_id
where c.n is distinct from i.n_claims;
