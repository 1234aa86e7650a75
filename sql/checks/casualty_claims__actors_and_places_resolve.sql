-- Every victim, perpetrator and claimant a claim names is an actor, and its place a location.
select count(*) from casualty_claims c
 where (c.victim_actor_id is not null and c.victim_actor_id not in (select actor_id from actors))
    or (c.perpetrator_actor_id is not null and c.perpetrator_actor_id not in (select actor_id from actors))
    or (c.claimed_by_actor_id is not null and c.claimed_by_actor_id not in (select actor_id from actors))
    or (c.location_id is not null and c.location_id not in (select location_id from locations));
