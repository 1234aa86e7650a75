select count(*) from sentences s left join clean_documents d using (doc_id)
 where d.doc_id is null or s.char_start < 0 or s.char_end > d.n_chars or s.char_start >= s.char_end
    or substr(d.text, s.char_start + 1, s.char_end - s.char_start) <> s.text;
