-- Actors named together in one sentence: pairs by number of sentences, with an example.
select
    p.name_a as name_a_ar,
    any_value(a.name_en) as name_a_en,
    p.name_b as name_b_ar,
    any_value(b.name_en) as name_b_en,
    count(*) as n_sentences,
    count(distinct p.doc_id) as n_documents,
    min(p.doc_id) as example_doc
from actor_pairs_f($outlets, $date_from, $date_to, $governorates, $actors) p
left join actors a on a.actor_id = p.actor_a
left join actors b on b.actor_id = p.actor_b
group by p.actor_a, p.name_a, p.actor_b, p.name_b
order by n_sentences desc, name_a_ar, name_b_ar
limit 60;
