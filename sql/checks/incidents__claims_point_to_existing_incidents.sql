-- Every claim placed in an incident names an incident that exists.
select count(*)
from casualty_claims c
where c.incident_id is not null and c.incident_id not in (select incident_id from incidents);
