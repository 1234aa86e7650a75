"""Escaping and highlighting: every string from the data goes through here before it is
shown as HTML, so an article containing ``<script>`` or markdown renders as plain text."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

# One translation table, applied in a single pass (escaping in two passes would escape
# the first pass's entities): HTML specials, then the characters that markdown,
# Streamlit's colour/icon directives or LaTeX would act on, as numeric entities that
# look the same and mean nothing to those parsers; newlines become <br>.
_ESCAPES = str.maketrans(
    {
        "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
        **{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~$:^="},
        "\r": "", "\n": "<br>",
    }
)

# One style per kind of extracted span; earlier kinds win when spans overlap.
KIND_STYLES: dict[str, str] = {
    "claim": "background:#f8d0cc;border-bottom:2px solid #b03a2e;",
    "actor": "background:#d6e4f7;",
    "location": "background:#d5efd5;",
    "hit": "background:#ffe58a;font-weight:600;",
}
_SECONDARY = {"claim": "#b03a2e", "actor": "#2e6fb0", "location": "#2e8b3d", "hit": "#b08a00"}

ARABIC_FONTS = "'Noto Naskh Arabic','Noto Sans Arabic','Amiri','KacstOne','DejaVu Sans',serif"


def escape_text(value: object) -> str:
    """HTML text for ``value`` with markup and markdown neutralised, newlines as ``<br>``.

    The result holds no raw newline either, so it can never end an HTML block and let
    the rest be parsed as markdown.
    """
    if value is None:
        return ""
    return str(value).translate(_ESCAPES)


def md_text(value: object) -> str:
    """``value`` for a markdown-rendered widget (caption, label): shown literally, on one line."""
    return escape_text(None if value is None else str(value).replace("\n", " "))


def escape_attr(value: object) -> str:
    """Value for a double-quoted HTML attribute (a title tooltip, a link)."""
    return "" if value is None else html.escape(str(value).replace("\n", " "), quote=True)


@dataclass(frozen=True)
class Span:
    """A highlighted stretch ``text[start:end]`` of ``kind`` (claim | actor | location)."""

    start: int
    end: int
    kind: str
    label: str = ""


def _segments(length: int, spans: list[Span]) -> list[tuple[int, int, list[Span]]]:
    """Cut ``[0, length)`` at every span edge; each piece carries the spans covering it."""
    cuts = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a < b:
            pieces.append((a, b, [s for s in spans if s.start <= a and b <= s.end]))
    return pieces


def _style(covering: list[Span]) -> str:
    kinds = sorted({s.kind for s in covering}, key=list(KIND_STYLES).index)
    style = KIND_STYLES[kinds[0]]
    if len(kinds) > 1:
        # a second kind under the first shows as a coloured underline
        style += f"box-shadow:inset 0 -3px 0 {_SECONDARY[kinds[1]]};"
    return style


def highlight(text: str, spans: Iterable[Span]) -> str:
    """``text`` as escaped HTML with ``spans`` wrapped in ``<mark>``; overlaps are allowed.

    Spans outside the text or of unknown kind are dropped rather than trusted.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text) and s.kind in KIND_STYLES]
    out = []
    for a, b, covering in _segments(len(text), valid):
        piece = escape_text(text[a:b])
        if covering:
            title = escape_attr(" | ".join(dict.fromkeys(s.label for s in covering if s.label)))
            out.append(f'<mark style="{_style(covering)}color:inherit;padding:0;" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def rtl_block(inner_html: str, *, size: str = "1.1rem") -> str:
    """Wrap already-escaped HTML in a right-to-left Arabic block."""
    return (
        f'<div dir="rtl" lang="ar" style="text-align:right;unicode-bidi:isolate;font-family:{ARABIC_FONTS};'
        f'font-size:{size};line-height:2;">{inner_html}</div>'
    )


def swatch(rgba: list[int]) -> str:
    """A small filled circle in colour ``rgba`` (0-255 channels), for map legends."""
    r, g, b = (int(c) for c in rgba[:3])
    return (
        '<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'background:rgb({r},{g},{b});"></span>'
    )


def legend() -> str:
    """A one-line key for the highlight colours, in Arabic and English."""
    names = {"claim": "ادعاء إصابات · claim", "actor": "فاعل · actor", "location": "مكان · location"}
    items = "".join(
        f'<mark style="{KIND_STYLES[k]}color:inherit;padding:0 .3em;margin-inline-end:.6em;">{escape_text(v)}</mark>'
        for k, v in names.items()
    )
    return f'<div style="font-size:.9rem;">{items}</div>'
