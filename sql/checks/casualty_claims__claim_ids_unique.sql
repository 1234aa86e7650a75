-- Every claim has its own claim_id.
select count(*) - count(distinct claim_id) from casualty_claims;
