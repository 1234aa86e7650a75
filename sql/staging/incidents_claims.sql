-- The claims of the documents to place ($todo_docs), live documents only, in article order, with what placing
-- them needs: the article's date, the place's governorate and precision, the phrase's offset in its sentence.
select c.claim_id, c.doc_id, c.sentence_no, c.scope, c.outcome, c.count_low, c.quantified, c.cause, c.perpetrator_actor_id,
       c.location_id, l.admin1_ar as admin1, l.geo_precision,
       (l.geo_precision >= 2 or l.name_ar = l.admin1_ar) as broad_place,
       cast(d.published_at as date) as published, c.evidence, c.char_start - s.char_start as phrase_at,
       c.char_end - s.char_start as phrase_end
from casualty_claims c
join documents d on d.doc_id = c.doc_id
join sentences s on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no
left join locations l on l.location_id = c.location_id
where c.doc_id in (select doc_id from todo_docs) and d.status <> 'deleted'
order by cast(d.published_at as date) nulls last, c.doc_id, c.char_start, c.claim_id;
