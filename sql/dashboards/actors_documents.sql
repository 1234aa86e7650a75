-- Filtered canonical documents that name at least one actor.
select count(distinct doc_id) as n_documents
from actor_mentions_f($outlets, $date_from, $date_to, $governorates, $actors);
