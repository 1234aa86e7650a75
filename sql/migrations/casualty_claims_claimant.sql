-- Warehouses built before claimants were entities get the column; the extraction fingerprint covers the code,
-- so the next run re-extracts every document and fills it.
alter table casualty_claims add column if not exists claimant_id varchar;
