-- Every incident id is unique.
select count(*) - count(distinct incident_id) from incidents;
