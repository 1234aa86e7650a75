-- Every place mention points at a document and a location (the whole table, keys only); the mentions in
-- the documents this run changed (changed_documents) slice back to their surface.
select (select count(*) from location_mentions m
          left join documents d on d.doc_id = m.doc_id
          left join locations l on l.location_id = m.location_id
         where d.doc_id is null or l.location_id is null)
     + (select count(*)
          from changed_documents k
          join location_mentions m on m.doc_id = k.doc_id
          join documents d on d.doc_id = k.doc_id
         where m.char_start < 0 or m.char_end > d.n_chars
            or substr(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface);
