-- documents = clean documents + their dedup decision; documents of deleted files stay, marked.
delete from documents;
insert into documents by name
select c.doc_id, c.file_id, c.outlet, c.title, c.published_at, c.url, c.text, c.text_norm, c.n_chars,
       c.n_paragraphs, c.n_paragraphs_removed, c.n_boilerplate_lines,
       coalesce(d.status, 'deleted') as status, d.duplicate_of, d.dup_similarity, c.norm_sha256
from clean_documents c
left join dedup_decisions d using (doc_id);
