-- mart_actor_pairs: two different actors named in the same sentence of a canonical
-- document, one row per (sentence, pair) with actor_a < actor_b so each pair is counted once.
create or replace table mart_actor_pairs as
with per_sentence as (
    select distinct doc_id, sentence_no, actor_id, name_ar, outlet, published_date
    from mart_actor_mentions
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
