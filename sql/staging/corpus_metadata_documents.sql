-- Documents take the sidecar values that changed (run only when the sidecar itself changed since it was last
-- applied: a new or re-read article gets them from raw_documents_dated when it is cleaned). It compares every
-- document, 1.5 s at 100,000 articles.
update document_texts
   set title = x.title, url = x.url, outlet = x.outlet, published_at = x.published_at
  from raw_documents_dated x
 where document_texts.doc_id = x.doc_id
   and (document_texts.title is distinct from x.title or document_texts.url is distinct from x.url
        or document_texts.outlet is distinct from x.outlet
        or document_texts.published_at is distinct from x.published_at);
