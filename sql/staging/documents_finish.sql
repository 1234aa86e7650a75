-- New decisions for documents whose text did not change; remember which text each row holds.
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
