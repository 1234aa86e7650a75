-- Filtered canonical documents to pick from when no search words are given: newest first,
-- then those with most claims.
select
    d.doc_id,
    d.title,
    coalesce(nullif(trim(d.outlet), ''), 'unknown') as outlet,
    d.published_date,
    (select count(*) from mart_claims c where c.doc_id = d.doc_id) as n_claims
from documents_f($outlets, $date_from, $date_to, $governorates) d
order by d.published_date desc nulls last, n_claims desc, d.doc_id
limit 500;
