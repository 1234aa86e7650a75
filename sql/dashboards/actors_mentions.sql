-- Mentions per actor in the filtered canonical documents, with its type and side.
select
    actor_id,
    name_ar,
    name_en,
    actor_type,
    side,
    count(*) as n_mentions,
    count(distinct doc_id) as n_documents
from actor_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
group by actor_id, name_ar, name_en, actor_type, side
order by n_mentions desc, name_ar;
