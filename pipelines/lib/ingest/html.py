"""HTML in an input (a page saved as ``.txt``, a dump field holding markup) turned into plain text.

Parsed with selectolax (the Lexbor HTML5 parser, as browsers parse), never with regular expressions: a
string inside ``<script>`` must not become article text ("999 killed" in a tracking script once became a
claim). Scripts, styles, navigation, headers, footers, forms and embedded objects are dropped; entities are
decoded by the parser; block elements and ``<br>`` become line breaks, inline ones (``<b>5</b>``) stay in
their line.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

# Markup that is never article text.
_DROPPED = ("script, style, noscript, template, nav, header, footer, aside, form, button, select, iframe, "
            "object, embed, svg, canvas, head")
# Elements that start a new line of text.
_BLOCKS = ("p, div, section, article, main, h1, h2, h3, h4, h5, h6, li, dt, dd, tr, blockquote, pre, "
           "figcaption, caption, address, hr, table, ul, ol, dl, figure")
# A document type, a root element or a pair of common tags: what text written by a person rarely holds.
_DOCUMENT_START = re.compile(r"<\s*(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_TAG = re.compile(
    r"</?\s*(?:p|div|span|a|b|i|em|strong|br|script|style|meta|link|title|h[1-6]|ul|ol|li|table|tr|td|th|"
    r"img|iframe|nav|header|footer|section|article|main|aside|figure|noscript|form|input|button|svg)\b[^<>]*>",
    re.IGNORECASE)
_HAS_WORD = re.compile(r"\w")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def looks_like_html(text: str) -> bool:
    """True when ``text`` is (or holds) HTML markup: a document start, or at least two HTML tags."""
    if "<" not in text:
        return False
    if _DOCUMENT_START.search(text):
        return True
    found = 0
    for _ in _TAG.finditer(text):
        found += 1
        if found >= 2:
            return True
    return False


def html_to_text(markup: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page or fragment: the ``<title>`` (or first ``<h1>``) and the readable text
    as lines, one per block; both stripped, and the text empty when nothing readable remains."""
    tree = LexborHTMLParser(markup)
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = _clean_line(title_node.text(separator=" ")) if title_node is not None else ""
    for node in tree.css(_DROPPED):
        node.decompose()
    for node in tree.css("br"):
        node.replace_with("\n")
    for node in tree.css(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    root = tree.body or tree.root
    raw = root.text(separator="", strip=False) if root is not None else ""
    lines = [line for line in (_clean_line(part) for part in raw.split("\n")) if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]           # an <h1> repeating the <title> is the title, not the first paragraph
    text = "\n".join(lines)
    return (title or None), (text if _HAS_WORD.search(text) else "")


def _clean_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
