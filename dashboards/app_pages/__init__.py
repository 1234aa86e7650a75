"""One script per dashboard page; each is thin and reads through ``dashboards.data``."""
