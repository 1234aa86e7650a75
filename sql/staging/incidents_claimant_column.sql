-- 1 when casualty_claims has the claimant entity column (claimant_id), else 0.
select count(*) from information_schema.columns where table_name = 'casualty_claims' and column_name = 'claimant_id';
