-- One document, canonical or duplicate.
select
    doc_id,
    title,
    coalesce(nullif(trim(outlet), ''), 'unknown') as outlet,
    published_at,
    url,
    text,
    status,
    duplicate_of,
    dup_similarity,
    n_chars,
    n_paragraphs,
    n_paragraphs_removed,
    n_boilerplate_lines
from documents
where doc_id = $doc_id;
