-- Stored incidents, still holding claims, whose name (or a numbered variant 'inc:<claim>:<n>') a new incident
-- wants ($new_incident_ids). An incident its claims all left is free: its founder may found it again.
select i.incident_id
from incidents i
join new_incident_ids n on split_part(i.incident_id, ':', 1) || ':' || split_part(i.incident_id, ':', 2) = n.incident_id
where exists (select 1 from casualty_claims c where c.incident_id = i.incident_id);
