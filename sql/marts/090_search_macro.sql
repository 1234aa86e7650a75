-- search_bm25(q): the searchable documents holding at least one word of q (normalised like text_norm),
-- with their Okapi BM25 score: k1 = 1.2, b = 0.75, base-10 log, as DuckDB fts's match_bm25 computes it,
-- document frequencies and average length taken over the searchable documents.
create or replace macro search_bm25(q) as table
with words as (
    select distinct t.term_id
    from (select unnest(regexp_extract_all(q::varchar, '[\p{L}\p{N}]+')) as term) w
    join mart_search_terms t on t.term = w.term
),
hits as (
    select p.doc_no, p.term_id, p.tf
    from mart_search_postings p
    where p.term_id in (select term_id from words)
),
df as (
    select term_id, count(*) as df from hits group by term_id
),
stats as (
    select count(*) as n_docs, avg(n_terms) as avgdl from mart_search_documents
)
select d.doc_id,
       sum(log((s.n_docs - f.df + 0.5) / (f.df + 0.5) + 1)
           * h.tf * (1.2 + 1) / (h.tf + 1.2 * (1 - 0.75 + 0.75 * d.n_terms / s.avgdl))) as score
from hits h
join df f on f.term_id = h.term_id
join mart_search_documents d on d.doc_no = h.doc_no
cross join stats s
group by d.doc_id;
