select count(*) from location_mentions m
  left join documents d using (doc_id)
  left join locations l using (location_id)
 where d.doc_id is null or l.location_id is null or m.char_start < 0 or m.char_end > d.n_chars
    or substr(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface;
