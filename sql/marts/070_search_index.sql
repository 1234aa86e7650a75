-- The article search's inverted index over the canonical documents (search_bm25 in 090 reads it), kept up
-- to date a document at a time: DuckDB's fts extension can only rebuild its index over every document,
-- which took most of the marts' time and 3.6 GB of memory at 100,000 articles.
--   mart_search_terms      one integer id per word (words stay when their documents go; a full rebuild,
--                          which drops every mart, renumbers)
--   mart_search_documents  the searchable documents and their length in words
--   mart_search_postings   which words each one holds, and how often
-- Words are runs of letters and digits of the normalised text, which is already folded (hamza,
-- diacritics, ta marbuta, case): the tokens fts made with ignore = '[^\p{L}\p{N}]+', no stemming and no
-- stop words. Only the documents of mart_scope that changed are redone: a document merely touched (an
-- actor or place its other marts copy changed) has the same words.
create table if not exists mart_search_terms (
    term    varchar not null,
    term_id integer not null
);
create table if not exists mart_search_documents (
    doc_id  varchar not null,
    n_terms integer not null
);
create table if not exists mart_search_postings (
    doc_id  varchar not null,
    term_id integer not null,
    tf      integer not null
);

-- Each document's words are counted in its own row (a histogram of its list of words): no hash
-- aggregate over every (document, word) pair (7.7 s of CPU against 4.5 s at 10,000 articles).
create or replace temp table scope_words as
select doc_id, unnest(map_keys(words)) as term, unnest(map_values(words))::integer as tf
from (
    select d.doc_id, list_aggregate(regexp_extract_all(d.text_norm, '[\p{L}\p{N}]+'), 'histogram') as words
    from mart_scope k
    join documents d on d.doc_id = k.doc_id and d.status = 'ok'
    where k.changed
);

insert into mart_search_terms
select n.term, (select coalesce(max(term_id), 0) from mart_search_terms) + row_number() over (order by n.term)
from (select distinct term from scope_words) n
where not exists (select 1 from mart_search_terms t where t.term = n.term);

delete from mart_search_documents where doc_id in (select doc_id from mart_scope where changed);
insert into mart_search_documents
select doc_id, sum(tf)::integer from scope_words group by doc_id;

delete from mart_search_postings where doc_id in (select doc_id from mart_scope where changed);
insert into mart_search_postings
select w.doc_id, t.term_id, w.tf
from scope_words w
join mart_search_terms t on t.term = w.term;
