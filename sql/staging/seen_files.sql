-- Every file the warehouse knows; ingest skips those not deleted whose size and mtime are unchanged.
select file_id, n_bytes, mtime, sha256, status from raw_files;
