-- Every document this run changed is as long as its cleaning recorded: n_chars is the length of its text.
--
-- (changed_documents: the documents this run changed; the others passed in the run that wrote them.)
select count(*)
  from changed_documents k
  join clean_documents c on c.doc_id = k.doc_id
  join documents d on d.doc_id = k.doc_id
 where c.n_chars <> length(d.text);
