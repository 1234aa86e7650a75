-- The dashboard's global filters, written once as table macros stored in the warehouse.
-- Every dashboard query reads through one of these with the sidebar's values bound as
-- parameters; an empty list or a null bound means "no filter".
--   outlets, governorates, actors, outcomes: varchar lists; date_from, date_to: dates;
--   quantified_only: boolean; claimants (named, optional): varchar list of claimant actor ids.
-- Claims: the actor filter keeps claims where the actor is perpetrator, claimant or victim; the claimant
-- filter keeps claims credited to one of the chosen claimants (casualty_claims.claimant_id).
create or replace macro claims_f(outlets, date_from, date_to, governorates, actors, outcomes, quantified_only,
                                 claimants := [])
as table
select *
from mart_claims
where (len(outlets::varchar[]) = 0 or list_contains(outlets::varchar[], outlet))
  and (date_from::date is null or published_date >= date_from::date)
  and (date_to::date is null or published_date <= date_to::date)
  and (len(governorates::varchar[]) = 0 or list_contains(governorates::varchar[], governorate))
  and (len(actors::varchar[]) = 0
       or list_contains(actors::varchar[], perpetrator_actor_id)
       or list_contains(actors::varchar[], claimed_by_actor_id)
       or list_contains(actors::varchar[], victim_actor_id))
  and (len(outcomes::varchar[]) = 0 or list_contains(outcomes::varchar[], outcome))
  and (not coalesce(quantified_only::boolean, false) or quantified)
  and (len(claimants::varchar[]) = 0 or list_contains(claimants::varchar[], claimant_id));

-- Canonical documents passing the document-level filters (outlet, date, and a governorate
-- the document talks about).
create or replace macro documents_f(outlets, date_from, date_to, governorates)
as table
select d.*, cast(d.published_at as date) as published_date
from documents d
where d.status = 'ok'
  and (len(outlets::varchar[]) = 0
       or list_contains(outlets::varchar[], coalesce(nullif(trim(d.outlet), ''), 'unknown')))
  and (date_from::date is null or cast(d.published_at as date) >= date_from::date)
  and (date_to::date is null or cast(d.published_at as date) <= date_to::date)
  and (len(governorates::varchar[]) = 0
       or d.doc_id in (select g.doc_id from mart_doc_governorates g
                       where list_contains(governorates::varchar[], g.governorate)));

-- Actor mentions: document-level filters, and the actor filter narrows to those actors.
create or replace macro actor_mentions_f(outlets, date_from, date_to, governorates, actors)
as table
select m.*
from mart_actor_mentions m
where m.doc_id in (select doc_id from documents_f(outlets, date_from, date_to, governorates))
  and (len(actors::varchar[]) = 0 or list_contains(actors::varchar[], m.actor_id));

-- Pairs of actors in one sentence: document-level filters; the actor filter keeps pairs
-- that involve one of the chosen actors.
create or replace macro actor_pairs_f(outlets, date_from, date_to, governorates, actors)
as table
select p.*
from mart_actor_pairs p
where p.doc_id in (select doc_id from documents_f(outlets, date_from, date_to, governorates))
  and (len(actors::varchar[]) = 0
       or list_contains(actors::varchar[], p.actor_a)
       or list_contains(actors::varchar[], p.actor_b));

-- Place mentions: outlet and date as usual; the governorate filter applies to the place
-- itself; the actor filter keeps documents that name one of the chosen actors.
create or replace macro location_mentions_f(outlets, date_from, date_to, governorates, actors)
as table
select m.*
from mart_location_mentions m
where m.doc_id in (select doc_id from documents_f(outlets, date_from, date_to, []))
  and (len(governorates::varchar[]) = 0 or list_contains(governorates::varchar[], m.governorate))
  and (len(actors::varchar[]) = 0
       or m.doc_id in (select a.doc_id from mart_actor_mentions a
                       where list_contains(actors::varchar[], a.actor_id)));
