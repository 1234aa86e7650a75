"""Article: find articles by words (full-text search over the normalised text), then read one
right-to-left with its actors, places and claim phrases highlighted, its duplicates and rows."""

import polars as pl
import streamlit as st

from dashboards import data, filters, fmt, markup, tables
from pipelines.lib.arabic.normalize import normalize

f = filters.current()
p = f.params()
st.title("Article · المقال")
filters.caption(f)

words = st.text_input("Search words · كلمات البحث", key="article_q", placeholder="مثال: الغوطة الشرقية")
q = normalize(words).strip()
found = data.query("article_search", q=q, **p) if q else data.query("article_list", **p)
st.caption(
    f"{fmt.count(found.height)} articles match “{markup.md_text(words)}”." if q
    else f"{fmt.count(found.height)} articles (newest first); type words to search."
)

choices = found["doc_id"].to_list()
titles = dict(zip(choices, found["title"].to_list(), strict=True))
wanted = st.query_params.get("doc")
if st.session_state.get("article_seen_q", q) != q:
    wanted = None  # new search words: show the best hit, not the article opened before
st.session_state["article_seen_q"] = q
if wanted and wanted not in titles:
    # opened from a link (a claim, a duplicate) that the current search does not list
    choices.insert(0, wanted)
if not choices:
    st.info("No article matches. Try fewer words or clear the filters.")
    st.stop()


def _open(doc_id: str | None) -> None:
    if doc_id:
        st.query_params["doc"] = doc_id


picked = st.selectbox(
    "Article · المقال",
    choices,
    index=choices.index(wanted) if wanted in choices else 0,
    format_func=lambda d: f"{titles.get(d) or d} · {d}",
    key=f"article_pick_{q}",
)
_open(picked)

doc = data.scalar_row("article_document", doc_id=picked)
if not doc:
    st.warning("This article is not in the warehouse (it may have been removed by a later run).")
    st.stop()

meta = " · ".join(
    markup.escape_text(x)
    for x in (doc["outlet"], fmt.when(doc["published_at"]), f"{fmt.count(doc['n_chars'])} characters", doc["doc_id"])
)
status = (
    "canonical"
    if doc["status"] == "ok"
    else f"duplicate of {doc['duplicate_of']} (similarity {doc['dup_similarity'] or 0:.2f})"
)
url = doc["url"] or ""
link = (
    f' · <a href="{markup.escape_attr(url)}" target="_blank" rel="noopener">source</a>'
    if url.startswith(("http://", "https://"))
    else ""
)
st.html(
    markup.rtl_block(f"<b>{markup.escape_text(doc['title'] or doc['doc_id'])}</b>", size="1.5rem")
    + f'<div style="font-size:.85rem;color:#555;">{meta} · {markup.escape_text(status)}{link}</div>'
)
if doc["status"] != "ok":
    st.page_link(
        "app_pages/article.py", label="Open the canonical article", query_params={"doc": doc["duplicate_of"]}
    )

duplicates = data.query("article_duplicates", doc_id=picked)
if duplicates.height:
    with st.expander(f"Duplicates and canonical · النسخ المكررة ({duplicates.height})"):
        tables.show(duplicates, key="article_duplicates")
        for other in duplicates["doc_id"].to_list():
            st.page_link("app_pages/article.py", label=f"open {other}", query_params={"doc": other})

spans = [
    markup.Span(r["char_start"], r["char_end"], r["kind"], r["label"])
    for r in data.query("article_spans", doc_id=picked).iter_rows(named=True)
]
st.html(markup.legend())
st.html(markup.rtl_block(markup.highlight(doc["text"], spans)))

claims_tab, actors_tab, places_tab = st.tabs(["Claims · الادعاءات", "Actors · الفاعلون", "Places · الأماكن"])
with claims_tab:
    claims = data.export("claims", **filters.Filters().params()).filter(pl.col("doc_id") == picked)
    tables.show(claims.drop("doc_id", "title", "outlet", "published_date", "source_url"), key="article_claims")
    tables.downloads(f"claims_{picked}", lambda: claims, key="article_claims_dl")
with actors_tab:
    tables.show(data.query("article_actor_mentions", doc_id=picked), key="article_actors")
with places_tab:
    tables.show(data.query("article_location_mentions", doc_id=picked), key="article_places")
