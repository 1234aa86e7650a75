"""Escaping and highlighting: data strings can never become markup, spans land exactly."""

from __future__ import annotations

import re

from dashboards.markup import Span, escape_attr, escape_text, highlight, md_text, rtl_block


def test_escape_text_neutralises_html_and_markdown() -> None:
    out = escape_text("<script>alert('x')</script> **b** _i_ $x$ :red[t] a&b")
    assert "<" not in out.replace("<br>", "")
    assert out.startswith("&lt;script&gt;alert&#40;&#39;x&#39;&#41;&lt;/script&gt;")
    assert "&#42;&#42;b&#42;&#42;" in out
    assert "&#95;i&#95;" in out
    assert "&#36;x&#36;" in out
    assert "&#58;red&#91;t&#93;" in out
    assert out.endswith("a&amp;b")


def test_escape_text_entities_are_not_escaped_twice() -> None:
    # one pass: the '#' of a generated entity is never turned into another entity
    assert escape_text("'") == "&#39;"
    assert escape_text("&#39;") == "&amp;&#35;39;"


def test_newlines_become_breaks_so_no_blank_line_ends_an_html_block() -> None:
    out = escape_text("سطر أول\n\nسطر ثان\r\n")
    assert "\n" not in out and "\r" not in out
    assert out == "سطر أول<br><br>سطر ثان<br>"
    assert md_text("a\nb") == "a b"


def test_none_is_empty_and_attr_escaping_quotes() -> None:
    assert escape_text(None) == ""
    assert escape_attr('a "b" <c>\nd') == "a &quot;b&quot; &lt;c&gt; d"


def _marked(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", html)


def test_highlight_marks_exact_spans_and_keeps_text() -> None:
    text = "قتل 5 مدنيين في حلب"
    html = highlight(text, [Span(0, 12, "claim", "killed 5"), Span(16, 19, "location", "Aleppo")])
    assert _marked(html) == ["قتل 5 مدنيين", "حلب"]
    assert re.sub(r"<[^>]+>", "", html) == text
    assert 'title="killed 5"' in html and 'title="Aleppo"' in html


def test_highlight_overlaps_split_into_pieces_with_both_labels() -> None:
    text = "abcdefgh"
    html = highlight(text, [Span(0, 5, "claim", "C"), Span(3, 8, "actor", "A")])
    assert _marked(html) == ["abc", "de", "fgh"]
    assert 'title="C | A"' in html
    assert re.sub(r"<[^>]+>", "", html) == text


def test_highlight_drops_spans_outside_the_text_or_of_unknown_kind() -> None:
    html = highlight("abc", [Span(2, 9, "claim"), Span(-1, 2, "actor"), Span(0, 1, "weapon"), Span(1, 1, "claim")])
    assert "<mark" not in html and html == "abc"


def test_highlight_escapes_the_text_inside_marks() -> None:
    html = highlight("<b>x</b>", [Span(0, 8, "actor", "<i>")])
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'title="&lt;i&gt;"' in html


def test_rtl_block_sets_direction_and_language() -> None:
    out = rtl_block("نص")
    assert out.startswith('<div dir="rtl" lang="ar"') and out.endswith(">نص</div>")
