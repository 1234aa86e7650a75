-- Every word the search index knows, with its id: new words are numbered after these.
select term, term_id from mart_search_terms;
