-- Documents (not deleted) whose current fingerprint this stage has not processed yet. $1 stage, $2 suffix.
-- `extracted_before`: the stage wrote rows for it once (under another fingerprint), which must be replaced;
-- a document it never processed has none (its rows and its stage_state row are written in one commit).
-- `duplicate_of`: the canonical document dedup made it a duplicate of, if any (extract_copies.sql).
select d.doc_id, d.norm_sha256 || ':' || $2 as fingerprint, s.doc_id is not null as extracted_before,
       d.duplicate_of
from documents d
left join stage_state s on s.stage = $1 and s.doc_id = d.doc_id
where d.status <> 'deleted' and (s.doc_id is null or s.fingerprint <> d.norm_sha256 || ':' || $2)
order by d.doc_id;
