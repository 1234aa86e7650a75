-- Which documents a run changed, so the marts and the contract checks can work on those alone.
--
-- A document's mark is a hash of what the stages recorded about it: its clean version (content hash and
-- counts), its dedup decision and metadata, and the versions the dedup, mentions and claims stages
-- processed (stage_state). Any stage that rewrites a document's rows changes one of these. The parts are
-- combined with xor in one aggregate (half the time of joining the three tables on doc_id).
create or replace view document_marks as
select doc_id, bit_xor(part) as mark
from (
    select doc_id, hash('clean', content_sha256, norm_sha256, n_chars) as part
    from clean_documents
    union all
    select doc_id, hash('documents', status, duplicate_of, dup_similarity, file_id, outlet, title, published_at, url,
                        norm_sha256, n_chars)
    from documents
    union all
    select doc_id, hash(stage, fingerprint)
    from stage_state
    where stage in ('documents', 'mentions', 'claims', 'incidents')
)
group by doc_id;

-- The actor and location rows the marts copy attributes from.
create or replace view dimension_marks as
select 'actor' as kind, a.actor_id as id, hash(a) as mark from actors a
union all
select 'location' as kind, l.location_id as id, hash(l) as mark from locations l;

-- The marks of the documents as the marts last saw them (kind 'document'), and of the actor and location
-- rows the marts copied attributes from (kinds 'actor', 'location'). Written by the marts stage only.
create table if not exists marts_state (
    kind  varchar not null,
    id    varchar not null,
    mark  ubigint not null
);

-- Documents the run that built this file changed (new, edited, re-extracted, re-decided or gone), as the
-- marts stage found them; emptied when a build starts (sql/staging/run_start.sql).
create table if not exists run_documents (
    doc_id varchar not null
);

-- The documents this run changed, at any point of a run: those whose mark differs from what the marts
-- last saw (new and gone ones included), and, once the marts have recorded the new marks, run_documents.
-- Rows of the other documents passed the contract checks of the run that wrote them and are unchanged.
create or replace view changed_documents as
select coalesce(n.doc_id, m.id) as doc_id
from document_marks n
full join (select id, mark from marts_state where kind = 'document') m on m.id = n.doc_id
where n.mark is distinct from m.mark
union
select doc_id from run_documents;

-- The documents this run changed with their length and text: what the contract rules that slice offsets back
-- read. The checks of a step compute it once for all its rules (pipelines/defs/checks.py): at scale, reading
-- the texts of a few changed documents reads every text of the table, 0.7 s per rule at 100,000 articles.
create or replace view changed_document_texts as
select d.doc_id, d.n_chars, d.text
from document_texts d
where d.doc_id in (select doc_id from changed_documents);
