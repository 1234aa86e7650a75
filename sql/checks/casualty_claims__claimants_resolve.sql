-- Every claim's claimant is an actor of the dictionary, and a claim credited to a named actor has that actor,
-- or the organisation he speaks for, as its claimant.
select count(*)
from casualty_claims c
where (c.claimant_id is not null and c.claimant_id not in (select actor_id from actors))
   or (c.claimed_by_actor_id is not null and c.claimant_id is null);
