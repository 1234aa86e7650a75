select s.doc_id, s.sentence_no, s.paragraph_no, s.char_start, s.char_end, s.text
from sentences s
where s.doc_id in (select doc_id from batch_docs)
order by s.doc_id, s.sentence_no;
