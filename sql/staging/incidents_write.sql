-- Where this run placed the claims of the documents it placed ($placed: claim_id, incident_id, event dates and
-- basis, part_of_claim_id); then the incidents to rewrite: those placed into, and those that lost claims.
update casualty_claims
   set incident_id = p.incident_id, event_date_low = p.event_date_low, event_date_high = p.event_date_high,
       event_date_basis = p.event_date_basis, part_of_claim_id = p.part_of_claim_id
  from placed p
 where casualty_claims.claim_id = p.claim_id;

create or replace temp table affected_incidents as
select distinct incident_id from placed where incident_id is not null
union
select i.incident_id
from incidents i
left join (select incident_id, count(*) as n from casualty_claims where incident_id is not null group by all) c
       on c.incident_id = i.incident_id
where c.n is distinct from i.n_claims;
