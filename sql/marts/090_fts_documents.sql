-- Full-text index over the normalised text for the dashboard's article search (the
-- dashboard opens the warehouse read-only and cannot build it). text_norm is already
-- folded (hamza, diacritics, ta marbuta, case), so no stemming, stop words or accent
-- stripping; the default `ignore` pattern would drop every non-Latin letter, so tokens
-- are runs of any Unicode letter or digit.
pragma create_fts_index(
    'documents', 'doc_id', 'text_norm',
    stemmer = 'none', stopwords = 'none', ignore = '[^\p{L}\p{N}]+',
    strip_accents = 0, lower = 0, overwrite = 1
);
