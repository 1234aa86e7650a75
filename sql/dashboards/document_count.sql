-- Number of documents, to tell an empty warehouse from a populated one.
select count(*) from documents;
