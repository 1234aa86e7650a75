-- The sidecar rows that were not applied as given, with why.
select reason from corpus_metadata where status <> 'ok' order by row_no;
