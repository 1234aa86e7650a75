-- Every actor has its own actor_id.
select count(*) - count(distinct actor_id) from actors;
