-- The text and settings each document's near-duplicate pairs were last looked for under
-- (fingerprint: norm_sha256, signature scheme, threshold; see doc_near_pairs).
select doc_id, fingerprint from stage_state where stage = 'near_pairs';
