select file_id, n_bytes, mtime, sha256 from raw_files where status <> 'deleted';
