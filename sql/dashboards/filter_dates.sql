-- Span of publication dates of canonical documents (both null when none is dated).
select
    min(cast(published_at as date)) as first_date,
    max(cast(published_at as date)) as last_date
from documents
where status = 'ok';
