-- The article search's inverted index over the canonical documents (search_bm25 in 090 reads it), kept up
-- to date a document at a time: DuckDB's fts extension can only rebuild its index over every document,
-- which took most of the marts' time and 3.6 GB of memory at 100,000 articles.
--   mart_search_terms      one integer id per word (words stay when their documents go; a full rebuild,
--                          which drops every mart, renumbers); a run's new words are numbered after the
--                          largest id, in word order
--   mart_search_documents  the searchable documents and their length in words
--   mart_search_postings   which words each one holds, and how often
-- Words are runs of letters and digits of the normalised text, which is already folded (hamza,
-- diacritics, ta marbuta, case): the tokens fts made with ignore = '[^\p{L}\p{N}]+', no stemming and no
-- stop words. Only the documents of mart_scope that changed are redone: a document merely touched (an
-- actor or place its other marts copy changed) has the same words. This file makes the tables and forgets
-- the rows of those documents; the marts stage then counts their words in Polars (pipelines/lib/
-- search_index.py), a range of documents at a time, and writes each range's rows from Arrow frames
-- (search_index/*.sql).
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

delete from mart_search_documents where doc_id in (select doc_id from mart_scope where changed);
delete from mart_search_postings where doc_id in (select doc_id from mart_scope where changed);
