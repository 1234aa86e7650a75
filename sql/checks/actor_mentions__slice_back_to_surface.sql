-- Every actor mention in a document this run changed lies inside its text and its offsets slice back to
-- its surface.
select count(*)
  from changed_document_texts d
  join actor_mentions m on m.doc_id = d.doc_id
 where m.char_start < 0 or m.char_end > d.n_chars
    or substr(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface;
