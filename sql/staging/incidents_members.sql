-- Every claim of the incidents being rewritten, in article order (what a revision is read from).
select c.claim_id, c.incident_id, c.outcome, c.victim_group, c.count_low, c.quantified, c.part_of_claim_id,
       c.doc_id, cast(d.published_at as date) as published, c.evidence, c.char_start - s.char_start as phrase_at
from casualty_claims c
join documents d on d.doc_id = c.doc_id
join sentences s on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no
where c.incident_id in (select incident_id from affected_incidents)
order by c.incident_id, cast(d.published_at as date) nulls last, c.doc_id, c.char_start, c.claim_id;
