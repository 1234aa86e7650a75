-- Counts are non-negative and agree with documents (the whole table, no text read); the documents this
-- run changed (changed_documents) are as long as their counts say.
select (select count(*) from clean_documents c left join documents d using (doc_id)
         where d.doc_id is null or d.n_chars <> c.n_chars
            or c.n_paragraphs < 0 or c.n_paragraphs_removed < 0 or c.n_boilerplate_lines < 0)
     + (select count(*)
          from changed_documents k
          join clean_documents c on c.doc_id = k.doc_id
          join documents d on d.doc_id = k.doc_id
         where c.n_chars <> length(d.text));
