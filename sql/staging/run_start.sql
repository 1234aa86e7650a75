-- A build starts: run_log and run_documents describe the run that builds this file, so they start empty.
delete from run_log;
delete from run_documents;
