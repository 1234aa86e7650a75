"""``make bench``: a synthetic corpus generator and the throughput / dedup / incremental benchmark."""
