-- A range's rows of the search index, from the Arrow frames the marts stage registers: the words first
-- seen in it (search_new_terms), and its documents' numbers and lengths (search_documents) and postings
-- (search_postings, by number), each document's with the hash of the text they were counted from. The old rows
-- of these documents went when 070_search_index.sql ran.
insert into mart_search_terms select term, term_id from search_new_terms;
insert into mart_search_documents
select s.doc_no, s.doc_id, s.n_terms, d.norm_sha256 from search_documents s join documents d on d.doc_id = s.doc_id;
insert into mart_search_postings select doc_no, term_id, tf from search_postings;
