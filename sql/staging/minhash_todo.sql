-- Live documents without a signature of their current normalised text under the current scheme ($1).
-- `signed_before`: the document has a signature or a minhash mark already (of another text or scheme), which
-- minhash_merge.sql replaces; a batch of documents never signed is stored by minhash_store_new.sql.
-- A document has at most one signature (minhash_merge.sql deletes its old one first), so the join by doc_id
-- alone tells both whether it has one and whether it is of the current text.
select c.doc_id, c.norm_sha256, c.norm_sha256 || ':' || $1 as fingerprint,
       s.doc_id is not null or m.doc_id is not null as signed_before
from clean_documents c
join raw_documents r using (doc_id)
left join stage_state s on s.stage = 'minhash' and s.doc_id = c.doc_id
left join doc_minhash m on m.doc_id = c.doc_id
where m.norm_sha256 is distinct from c.norm_sha256 or s.fingerprint is distinct from c.norm_sha256 || ':' || $1
order by c.doc_id;
