-- One batch of read files and their articles ($new_files, $new_documents are registered frames).
insert into raw_files by name select * from new_files;
insert into raw_documents by name select * from new_documents;
