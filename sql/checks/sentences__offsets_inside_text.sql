-- Every sentence belongs to a document (the whole table, keys only); the sentences of the documents this
-- run changed (changed_documents) lie inside their text and slice back to it. The other documents' passed
-- this check in the run that wrote them and have not changed since.
select (select count(*) from sentences s anti join documents d on d.doc_id = s.doc_id)
     + (select count(*)
          from changed_documents k
          join sentences s on s.doc_id = k.doc_id
          join documents d on d.doc_id = k.doc_id
         where s.char_start < 0 or s.char_end > d.n_chars or s.char_start >= s.char_end
            or substr(d.text, s.char_start + 1, s.char_end - s.char_start) <> s.text);
