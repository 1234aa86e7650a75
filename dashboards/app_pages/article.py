"""Article: find articles by words (full-text search over the normalised text), then read one
right-to-left with its actors, places and claim phrases highlighted, its duplicates and rows."""

import streamlit as st

from dashboards import data, filters, fmt, markup, search, tables

RESULTS = 20


def search_results(hits, texts: dict[str, str], terms: list[search.Term]) -> str:
    """The hits as a list: title (a link that opens the article), outlet and date, a snippet with
    the hits marked."""
    items = []
    for row in hits.iter_rows(named=True):
        text = texts.get(row["doc_id"], "")
        passage, n_hits = search.snippet(text, terms)
        href = markup.escape_attr(f"article?doc={row['doc_id']}")
        meta = " · ".join(
            markup.escape_text(x)
            for x in (row["outlet"], fmt.when(row["published_date"]), tables.plural(n_hits, "hit"), row["doc_id"])
        )
        items.append(
            f'<li style="margin:.2rem 0 .8rem 0;"><a href="{href}" target="_self" dir="rtl" '
            f'style="font-weight:600;font-size:1.05rem;">{markup.escape_text(row["title"] or row["doc_id"])}</a>'
            f'<div style="font-size:.8rem;color:#666;" dir="ltr">{meta}</div>'
            f"{markup.rtl_block(passage, size='1rem')}</li>"
        )
    return f'<ol class="rasd-results" dir="rtl" style="padding-inline-start:1.2rem;">{"".join(items)}</ol>'


f = filters.current()
p = f.params()
st.title("Article · المقال")
filters.caption(f)

words = st.text_input(
    "Search · بحث",
    key="article_q",
    placeholder='all words by default; "quoted words" as a phrase; Latin names too: Idlib, "White Helmets"',
)
terms = search.parse(words, data.name_index() if search.has_latin(words) else {})
q = " | ".join(" / ".join(t.alternatives) for t in terms)  # what the search means, for the state below
if terms:
    found = data.query(
        "article_search", terms=[list(t.alternatives) for t in terms], words=search.bm25_words(terms), **p
    )
    meaning = " and ".join(f"“{t.shown}”" if t.phrase else t.shown for t in terms)
    st.caption(f"{tables.plural(found.height, 'article')} hold {markup.md_text(meaning)}.")
    latin = [t for t in terms if len(t.alternatives) > 1]
    if latin:
        st.caption(
            "Latin names searched as: "
            + "; ".join(f"{markup.md_text(t.shown)} → {markup.md_text(' / '.join(t.alternatives[:-1]))}" for t in latin)
        )
    shown = found.head(RESULTS)
    texts = dict(data.query("search_texts", doc_ids=shown["doc_id"].to_list()).iter_rows())
    st.html(search_results(shown, texts, terms))
    if found.height > RESULTS:
        st.caption(f"The {RESULTS} best hits are listed; the article picker below has all of them.")
else:
    found = data.query("article_list", **p)
    st.caption(f"{tables.plural(found.height, 'article')} (newest first); type words to search.")

choices = found["doc_id"].to_list()
info = {r["doc_id"]: r for r in found.iter_rows(named=True)}
wanted = st.query_params.get("doc")
if st.session_state.get("article_seen_q", q) != q:
    wanted = None  # new search words: show the best hit, not the article opened before
st.session_state["article_seen_q"] = q
if wanted and wanted not in info:
    # opened from a link (a claim, a duplicate) that the current search does not list
    choices.insert(0, wanted)
if not choices:
    st.info("No article matches. Try fewer words or clear the filters.")
    st.stop()


def option_label(doc_id: str) -> str:
    """Title, date and outlet; the title isolated so its Arabic cannot pull the rest around it."""
    row = info.get(doc_id)
    if not row:
        return doc_id
    return f"\u2068{row['title'] or doc_id}\u2069 · {fmt.when(row['published_date'])} · {row['outlet']}"


def _open(doc_id: str | None) -> None:
    if doc_id:
        st.query_params["doc"] = doc_id


# The picker's labels start with an Arabic title: laid out right to left, a narrow box cuts the
# title's end, not its start.
st.html('<style>[class*="st-key-article_pick"] input { direction: rtl; text-align: right; }</style>')
picked = st.selectbox(
    "Article · المقال",
    choices,
    index=choices.index(wanted) if wanted in choices else 0,
    format_func=option_label,
    key=f"article_pick_{hash(q)}",
)
_open(picked)

found = data.queries(
    "article_document", "article_duplicates", "article_spans", "export_claims", "article_actor_mentions",
    "article_location_mentions", **filters.Filters().params(), doc_id=picked,
)
doc = data.first_row(found["article_document"])
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

duplicates = found["article_duplicates"]
if duplicates.height:
    with st.expander(f"Duplicates and canonical · النسخ المكررة ({duplicates.height})"):
        tables.show(duplicates, key="article_duplicates")
        for other in duplicates["doc_id"].to_list():
            st.page_link("app_pages/article.py", label=f"open {other}", query_params={"doc": other})

spans = [
    markup.Span(r["char_start"], r["char_end"], r["kind"], r["label"])
    for r in found["article_spans"].iter_rows(named=True)
]
st.html(markup.legend())
st.html(markup.rtl_block(markup.highlight(doc["text"], spans)))

claims_tab, actors_tab, places_tab = st.tabs(["Claims · الادعاءات", "Actors · الفاعلون", "Places · الأماكن"])
with claims_tab:
    claims = found["export_claims"]
    tables.show(claims.drop("doc_id", "title", "outlet", "published_date", "source_url"), key="article_claims")
    tables.downloads(f"claims_{picked}", lambda: claims, key="article_claims_dl")
with actors_tab:
    tables.show(found["article_actor_mentions"], key="article_actors")
with places_tab:
    tables.show(found["article_location_mentions"], key="article_places")
