-- Every sentence of a document this run changed lies inside its document and its offsets slice back to
-- its text. The other documents' sentences passed in the run that wrote them and have not changed since.
select count(*)
  from changed_document_texts d
  join sentences s on s.doc_id = d.doc_id
 where s.char_start < 0 or s.char_end > d.n_chars or s.char_start >= s.char_end
    or substr(d.text, s.char_start + 1, s.char_end - s.char_start) <> s.text;
