-- Search over the normalised text of the filtered canonical documents. $terms is a list of terms, each
-- a list of alternatives already normalised like text_norm (a word, a quoted phrase, or the Arabic forms
-- of a Latin place or actor name): a document is a hit when every term has an alternative inside its
-- text. Inside, not as a whole word, because Arabic glues clitics to words ("بدمشق" holds "دمشق").
-- Hits are ranked by BM25 over the words of $words (search_bm25, sql/marts/090_search_macro.sql).
with filtered as (
    select doc_id, title, coalesce(nullif(trim(outlet), ''), 'unknown') as outlet, published_date, text_norm
    from documents_f($outlets, $date_from, $date_to, $governorates)
),
hits as (
    select doc_id, title, outlet, published_date
    from filtered
    where len($terms::varchar[][]) > 0
      and list_bool_and(list_transform($terms::varchar[][],
              lambda term: list_bool_or(list_transform(term, lambda alt: contains(text_norm, alt)))))
)
select h.doc_id, h.title, h.outlet, h.published_date, coalesce(s.score, 0) as score
from hits h
left join search_bm25($words) s on s.doc_id = h.doc_id
order by score desc, h.published_date desc nulls last, h.doc_id;
