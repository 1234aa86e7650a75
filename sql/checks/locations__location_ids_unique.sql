-- Every location has its own location_id.
select count(*) - count(distinct location_id) from locations;
