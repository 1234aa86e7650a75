-- Full-text search over the normalised text of the filtered canonical documents. $q is
-- already normalised like text_norm, so hamza and diacritic variants match. BM25 ranks
-- whole-word hits (search_bm25, sql/marts/090_search_macro.sql); a plain substring hit is kept
-- too, because Arabic glues clitics to words ("بدمشق" holds "دمشق" but is one token).
with scored as (
    select
        f.doc_id,
        f.title,
        f.outlet,
        f.published_date,
        h.score,
        contains(f.text_norm, $q) as phrase_found
    from documents_f($outlets, $date_from, $date_to, $governorates) f
    left join search_bm25($q) h on h.doc_id = f.doc_id
)
select doc_id, title, outlet, published_date, score, phrase_found
from scored
where score is not null or phrase_found
order by phrase_found desc, score desc nulls last, doc_id
limit 100;
