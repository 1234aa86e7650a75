-- The actor mentions of one document, in text order.
select sentence_no, surface, name_ar, name_en, actor_type, side, char_start, char_end
from mart_actor_mentions
where doc_id = $doc_id
order by char_start;
