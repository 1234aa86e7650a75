-- The article search's inverted index over the canonical documents (search_bm25 in 090 reads it), kept up
-- to date a document at a time: DuckDB's fts extension can only rebuild its index over every document,
-- which took most of the marts' time and 3.6 GB of memory at 100,000 articles.
--   mart_search_terms      one integer id per word (words stay when their documents go; a full rebuild,
--                          which drops every mart, renumbers); a run's new words are numbered after the
--                          largest id, in word order
--   mart_search_documents  the searchable documents, their length in words and the hash of the
--                          normalised text they were counted from (documents.norm_sha256), and a number
--                          (doc_no) the postings name them by; a run's new documents are numbered after
--                          the largest, in doc_id order
--   mart_search_postings   which words each one holds, and how often; by number: with a doc_id string in
--                          each of its 30.7 million rows at 100,000 articles its copy into the release file
--                          took 3.8 s, with the number 1.0 s
-- Words are runs of letters and digits of the normalised text, which is already folded (hamza,
-- diacritics, ta marbuta, case): the tokens fts made with ignore = '[^\p{L}\p{N}]+', no stemming and no
-- stop words. A document's words depend on its normalised text alone (and on its being canonical), so of
-- the documents of mart_scope that changed only those whose text the index does not hold are redone
-- (search_stale): a document extracted again, placed in other incidents or merely touched (an actor or
-- place its other marts copy changed) has the same words. This file makes the tables and forgets the rows
-- of the stale documents; the marts stage then counts their words in Polars (pipelines/lib/
-- search_index.py), a range of documents at a time, and writes each range's rows from Arrow frames
-- (search_index/*.sql).
create table if not exists mart_search_terms (
    term    varchar not null,
    term_id integer not null
);
create table if not exists mart_search_documents (
    doc_no      integer not null,
    doc_id      varchar not null,
    n_terms     integer not null,
    norm_sha256 varchar not null
);
create table if not exists mart_search_postings (
    doc_no  integer not null,
    term_id integer not null,
    tf      integer not null
);

-- A changed document is stale when it is canonical with a text the index does not hold, or indexed and no
-- longer canonical (gone, a duplicate now).
create or replace temp table search_stale as
select k.doc_id
from mart_scope k
left join documents d on d.doc_id = k.doc_id and d.status = 'ok'
left join mart_search_documents s on s.doc_id = k.doc_id
where k.changed and d.norm_sha256 is distinct from s.norm_sha256;

delete from mart_search_postings
where doc_no in (select s.doc_no from mart_search_documents s join search_stale t on t.doc_id = s.doc_id);
delete from mart_search_documents where doc_id in (select doc_id from search_stale);
