-- Actors named together in one sentence: pairs by number of sentences, with an example.
select
    name_a,
    name_b,
    count(*) as n_sentences,
    count(distinct doc_id) as n_documents,
    min(doc_id) as example_doc
from actor_pairs_f($outlets, $date_from, $date_to, $governorates, $actors)
group by actor_a, name_a, actor_b, name_b
order by n_sentences desc, name_a, name_b
limit 60;
