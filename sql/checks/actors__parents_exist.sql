-- Every actor's parent (the force or body it belongs to) is an actor too.
select count(*) from actors a left join actors p on p.actor_id = a.parent_id
 where a.parent_id is not null and p.actor_id is null;
