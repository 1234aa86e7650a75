"""Real servers for a scaled Rasd on one machine (PostgreSQL, SeaweedFS S3, Dask), on 127.0.0.1 only."""
