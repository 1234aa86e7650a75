"""Paragraphs and sentences of a clean display text, with character offsets into it."""

from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ ؛ (and runs of them, plus closing quotes/brackets) followed by a space or
# the end of the paragraph; "1.5" or "ar.rt.com" are not ends because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?؟؛…]+[\"'»”)\]]*(?=\s|$)")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of one paragraph (leading/trailing spaces excluded)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        _add_trimmed(out, paragraph, start, m.end())
        start = m.end()
    _add_trimmed(out, paragraph, start, len(paragraph))
    return out


def _add_trimmed(out: list[tuple[int, int]], paragraph: str, start: int, end: int) -> None:
    piece = paragraph[start:end]
    body = piece.lstrip()
    if body:
        s = start + len(piece) - len(body)
        out.append((s, s + len(body.rstrip())))
