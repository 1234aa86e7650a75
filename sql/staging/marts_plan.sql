-- What the marts stage has to do (pipelines/stages/marts.py).
-- marts_changed: the documents changed since the marts last saw them (new and gone ones included).
create or replace temp table marts_changed as select doc_id from changed_documents;

-- marts_touched: the documents whose mart rows copy an actor or location row that changed or went since
-- (a detected person or place is re-detected with other attributes now and then); a new row changes
-- nothing the marts hold.
create or replace temp table marts_touched as
with gone as (
    select s.kind, s.id
    from marts_state s
    left join dimension_marks d on d.kind = s.kind and d.id = s.id
    where s.kind in ('actor', 'location') and d.mark is distinct from s.mark
),
actor as (select id from gone where kind = 'actor'),
place as (select id from gone where kind = 'location')
select doc_id from actor_mentions where actor_id in (select id from actor)
union
select doc_id from location_mentions where location_id in (select id from place)
union
select doc_id from casualty_claims
where victim_actor_id in (select id from actor) or perpetrator_actor_id in (select id from actor)
   or claimed_by_actor_id in (select id from actor) or location_id in (select id from place);

select
    (select count(*) from marts_changed) as n_changed,
    (select count(*) from (select doc_id from marts_changed union select doc_id from marts_touched)) as n_scope,
    (select count(*) from document_marks) as n_documents;
