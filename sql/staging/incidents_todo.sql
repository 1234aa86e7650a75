-- Documents whose claims, article date or status changed since the incidents stage last placed them ($1: the
-- version of the incident code and time words), with the fingerprint to record once they are placed.
with current as (
    select d.doc_id,
           coalesce(c.fingerprint, '') || '|' || d.status || '|' || coalesce(cast(d.published_at as varchar), '')
               || '|' || $1 as fingerprint
    from documents d
    left join stage_state c on c.stage = 'claims' and c.doc_id = d.doc_id
)
select x.doc_id, x.fingerprint
from current x
left join stage_state s on s.stage = 'incidents' and s.doc_id = x.doc_id
where s.fingerprint is distinct from x.fingerprint
order by x.doc_id;
