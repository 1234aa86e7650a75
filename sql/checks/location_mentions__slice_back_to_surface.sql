-- Every place mention in a document this run changed lies inside its sentence and its offsets slice back to
-- its surface (the sentence lies inside the document's text and slices back to it: sentences__slice_back_to_text).
-- Sliced from the sentence, not the document, as actor_mentions__slice_back_to_surface.
with changed_sentences as (select * from sentences where doc_id in (select doc_id from changed_documents))
select count(*)
  from changed_documents k
  join location_mentions m on m.doc_id = k.doc_id
  left join changed_sentences s on s.doc_id = m.doc_id and s.sentence_no = m.sentence_no
 where s.doc_id is null or m.char_start < s.char_start or m.char_end > s.char_end
    or substr(s.text, m.char_start - s.char_start + 1, m.char_end - m.char_start) <> m.surface;
