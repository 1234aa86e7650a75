-- Copy the changed documents with doc_id in $1 .. $2 (one commit per range keeps the rows a
-- transaction holds in memory to one range, not the corpus).
insert into documents by name
select c.doc_id, c.file_id, c.outlet, c.title, c.published_at, c.url, c.text, c.text_norm, c.n_chars,
       c.n_paragraphs, c.n_paragraphs_removed, c.n_boilerplate_lines,
       t.status, t.duplicate_of, t.dup_similarity, c.norm_sha256
from doc_state t
join clean_documents c using (doc_id)
where t.text_changed and t.doc_id between $1 and $2 and c.doc_id between $1 and $2;
