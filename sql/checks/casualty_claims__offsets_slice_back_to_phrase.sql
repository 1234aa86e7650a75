-- Every claim's offsets are not negative, and those of a document this run changed lie inside its evidence
-- sentence and slice back to the claim's phrase (mention_text); the sentence lies inside the document's text
-- and slices back to it (sentences__slice_back_to_text). A claim without its sentence breaks
-- casualty_claims__evidence_sentence_exists.
--
-- Sliced from the sentence, not the document (as actor_mentions__slice_back_to_surface): a character offset
-- into a UTF-8 text is found by reading the text from its start; the sentences narrowed to the changed documents
-- first, as there.
select (select count(*) from casualty_claims where char_start < 0)
     + (select count(*)
          from changed_documents k
          join casualty_claims c on c.doc_id = k.doc_id
          join (select * from sentences where doc_id in (select doc_id from changed_documents)) s
            on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no
         where c.char_start < s.char_start or c.char_end > s.char_end
            or substr(s.text, c.char_start - s.char_start + 1, c.char_end - c.char_start) <> c.mention_text);
