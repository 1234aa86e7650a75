-- documents = clean documents + their dedup decision ($dedup_decisions holds every live document);
-- documents of deleted files stay, marked. Only rows whose text or decision changed are written:
-- rewriting every row would copy every article's text on every incremental run.
create or replace temp table doc_state as
select c.doc_id, c.content_sha256,
       coalesce(x.status, 'deleted') as status, x.duplicate_of, x.dup_similarity,
       d.doc_id is null or s.fingerprint is distinct from c.content_sha256 as text_changed
from clean_documents c
left join dedup_decisions x on x.doc_id = c.doc_id
left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
left join documents d on d.doc_id = c.doc_id;

delete from documents
 where doc_id in (select doc_id from doc_state where text_changed)
    or doc_id not in (select doc_id from clean_documents);

insert into documents by name
select c.doc_id, c.file_id, c.outlet, c.title, c.published_at, c.url, c.text, c.text_norm, c.n_chars,
       c.n_paragraphs, c.n_paragraphs_removed, c.n_boilerplate_lines,
       t.status, t.duplicate_of, t.dup_similarity, c.norm_sha256
from doc_state t
join clean_documents c using (doc_id)
where t.text_changed;

update documents
   set status = t.status, duplicate_of = t.duplicate_of, dup_similarity = t.dup_similarity
  from doc_state t
 where documents.doc_id = t.doc_id and not t.text_changed
   and (documents.status is distinct from t.status
        or documents.duplicate_of is distinct from t.duplicate_of
        or documents.dup_similarity is distinct from t.dup_similarity);

insert or replace into stage_state
select 'documents', doc_id, content_sha256 from doc_state where text_changed;

drop table doc_state;
