-- Full-text search over the normalised text of the filtered canonical documents. $q is
-- already normalised like text_norm, so hamza and diacritic variants match. BM25 ranks
-- whole-word hits; a plain substring hit is kept too, because Arabic glues clitics to words
-- ("بدمشق" holds "دمشق" but is one token).
with scored as (
    select
        doc_id,
        title,
        outlet,
        published_date,
        fts_main_documents.match_bm25(doc_id, $q) as score,
        contains(text_norm, $q) as phrase_found
    from documents_f($outlets, $date_from, $date_to, $governorates)
)
select doc_id, title, outlet, published_date, score, phrase_found
from scored
where score is not null or phrase_found
order by phrase_found desc, score desc nulls last, doc_id
limit 100;
