-- The newest publication date among canonical articles, and how many articles carry no date.
select
    max(cast(published_at as date)) as newest_date,
    count(*) filter (where published_at is null) as n_undated,
    count(*) as n_canonical
from documents
where status = 'ok';
