-- No canonical document is marked as the duplicate of another: its duplicate_of is empty.
select count(*) from documents where status = 'ok' and duplicate_of is not null;
