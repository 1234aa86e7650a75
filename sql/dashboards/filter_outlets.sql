-- Outlets of canonical documents, for the sidebar.
select distinct coalesce(nullif(trim(outlet), ''), 'unknown') as outlet
from documents
where status = 'ok'
order by outlet;
