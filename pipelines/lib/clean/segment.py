"""Paragraphs and sentences of a clean display text, with character offsets into it."""

from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ ؛ (and runs of them, plus closing quotes/brackets) followed by a space or
# the end of the paragraph; "1.5" or "ar.rt.com" are not ends because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?؟؛…]+[\"'»”)\]]*(?=\s|$)")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of one paragraph (leading/trailing spaces excluded)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(paragraph)))
    out = []
    for s, e in spans:
        while s < e and paragraph[s].isspace():
            s += 1
        while e > s and paragraph[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
