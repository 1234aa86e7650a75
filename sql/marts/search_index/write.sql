-- A range's rows of the search index, from the Arrow frames the marts stage registers: the words first
-- seen in it (search_new_terms), and its documents' lengths (search_documents) and postings
-- (search_postings), each document's with the hash of the text they were counted from. The old rows of these
-- documents went when 070_search_index.sql ran.
insert into mart_search_terms select term, term_id from search_new_terms;
insert into mart_search_documents
select s.doc_id, s.n_terms, d.norm_sha256 from search_documents s join documents d on d.doc_id = s.doc_id;
insert into mart_search_postings select doc_id, term_id, tf from search_postings;
