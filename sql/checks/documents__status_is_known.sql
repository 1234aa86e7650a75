-- Every document's status is ok (canonical), duplicate or deleted.
select count(*) from documents where status is null or status not in ('ok', 'duplicate', 'deleted');
