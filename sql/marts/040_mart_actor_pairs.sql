-- mart_actor_pairs: two different actors named in the same sentence of a canonical
-- document, one row per (sentence, pair) with actor_a < actor_b so each pair is counted once. Rows of the
-- documents in mart_scope (mart_actor_mentions holds theirs already).
with per_sentence as (
    select distinct m.doc_id, m.sentence_no, m.actor_id, m.name_ar, m.outlet, m.published_date
    from mart_scope k
    join mart_actor_mentions m on m.doc_id = k.doc_id
)
select
    a.doc_id,
    a.sentence_no,
    a.actor_id as actor_a,
    a.name_ar as name_a,
    b.actor_id as actor_b,
    b.name_ar as name_b,
    a.outlet,
    a.published_date
from per_sentence a
join per_sentence b
  on b.doc_id = a.doc_id and b.sentence_no = a.sentence_no and a.actor_id < b.actor_id;
