-- The {columns} of the rows of {table} that the twins of exact copies hold ($twin_docs: doc_id), in the order they were written
-- (a scan keeps it): the copies get them as their own (pipelines/stages/extract.py, _rows_for_copies). A plain
-- semi-join: on the 10k bench lake, 500 twins' actor mentions came back in 0.04 s, against 0.8 s with an OR
-- of a range per twin (duck_inputs.key_ranges) for the scan to skip row groups.
select {columns}
from {table} d
where d.doc_id in (select doc_id from twin_docs);
