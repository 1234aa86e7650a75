-- Every breakdown ("بينهم 11 طفلاً") points at a total in its own document.
select count(*)
from casualty_claims c
left join casualty_claims t on t.claim_id = c.part_of_claim_id
where c.part_of_claim_id is not null and (t.claim_id is null or t.doc_id <> c.doc_id);
