-- Rows of the whole-dataset exports: claims and mentions of canonical articles.
select
    (select count(*) from mart_claims) as claims,
    (select count(*) from mart_actor_mentions) + (select count(*) from mart_location_mentions) as mentions;
