"""What the search box means: words that must all occur (default), "quoted phrases" that must occur
as written, and Latin names of places and actors ("Idlib", "Hezbollah") that stand for their Arabic
forms. Also the snippet around the hits, with the hits highlighted, for the result list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dashboards import markup
from pipelines.lib.arabic.normalize import display_span, normalize, normalize_with_origin

_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "″": '"'})
_TOKENS = re.compile(r'"([^"]*)"|(\S+)')
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_KEY = re.compile(r"[^a-z0-9]+")
MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Term:
    """One thing every hit must contain: any of ``alternatives`` (normalised like ``text_norm``)."""

    shown: str
    alternatives: tuple[str, ...]
    phrase: bool = False


def has_latin(query: str) -> bool:
    """Does ``query`` hold a Latin letter (so the name index is needed)?"""
    return bool(_LATIN.search(query))


def latin_key(text: str) -> str:
    """Case, hyphens and apostrophes folded away: "Deir ez-Zor" and "deir ez zor" meet."""
    return _LATIN_KEY.sub(" ", text.lower()).strip()


def name_index(rows: Iterable[tuple[str, str, list[str] | None]]) -> dict[str, tuple[str, ...]]:
    """Latin key -> normalised Arabic forms, from (English name, Arabic name, surface forms) rows."""
    index: dict[str, set[str]] = {}
    for name_en, name_ar, surfaces in rows:
        forms = {normalize(f).strip() for f in [name_ar, *(surfaces or [])] if f}
        for key in {latin_key(name_en), latin_key(name_en).replace(" ", "")}:
            if key:
                index.setdefault(key, set()).update(f for f in forms if f)
    return {k: tuple(sorted(v, key=lambda s: (len(s), s))) for k, v in index.items()}


def _latin_term(words: list[str], names: dict[str, tuple[str, ...]]) -> Term:
    shown = " ".join(words)
    key = latin_key(shown)
    arabic = names.get(key) or names.get(key.replace(" ", "")) or ()
    return Term(shown, (*arabic, key) if arabic else (key,))


def parse(query: str, names: dict[str, tuple[str, ...]]) -> list[Term]:
    """The terms of ``query``: quoted phrases whole, other words one by one, runs of Latin words
    joined into the longest place or actor name they spell."""
    terms: list[Term] = []
    loose: list[str] = []
    for quoted, word in _TOKENS.findall(query.translate(_QUOTES)):
        if quoted.strip():
            terms.extend(_words(loose, names))
            loose = []
            if _LATIN.search(quoted):
                terms.append(_latin_term(quoted.split(), names))
            else:
                terms.append(Term(quoted.strip(), (normalize(quoted).strip(),), phrase=True))
        elif word:
            loose.append(word)
    terms.extend(_words(loose, names))
    return [t for t in terms if any(t.alternatives)]


def _words(words: list[str], names: dict[str, tuple[str, ...]]) -> list[Term]:
    out: list[Term] = []
    i = 0
    while i < len(words):
        if _LATIN.search(words[i]):
            # the longest run of Latin words that names a place or an actor, else the word alone
            run = 1
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 1, -1):
                chunk = words[i : i + n]
                if all(_LATIN.search(w) for w in chunk) and latin_key(" ".join(chunk)) in names:
                    run = n
                    break
            out.append(_latin_term(words[i : i + run], names))
            i += run
        else:
            norm = normalize(words[i]).strip()
            if norm:
                out.append(Term(words[i], (norm,)))
            i += 1
    return out


def bm25_words(terms: list[Term]) -> str:
    """The words BM25 ranks by: every alternative of every term."""
    return " ".join(a for t in terms for a in t.alternatives)


def hit_spans(text: str, terms: list[Term], limit: int = 200) -> list[tuple[int, int]]:
    """Display-text spans of every occurrence of every term's alternatives (at most ``limit``)."""
    norm, origin = normalize_with_origin(text)
    origin_list = origin.tolist()
    spans = []
    for alt in {a for t in terms for a in t.alternatives if a}:
        start = norm.find(alt)
        while start >= 0 and len(spans) < limit:
            spans.append(display_span(origin_list, start, start + len(alt), len(text)))
            start = norm.find(alt, start + len(alt))
    return sorted(set(spans))


def snippet(text: str, terms: list[Term], *, before: int = 90, after: int = 170) -> tuple[str, int]:
    """HTML of the passage around the first hit (not in the title) with every hit marked, and the
    number of hits in the whole text."""
    spans = hit_spans(text, terms)
    body_start = text.find("\n") + 1  # the first paragraph is the title, shown above the snippet
    first = next((s for s in spans if s[0] >= body_start), spans[0] if spans else (body_start, body_start))
    floor = body_start if first[0] >= body_start else 0
    lo = max(floor, first[0] - before)
    hi = min(len(text), first[1] + after)
    lo = max(floor, text.rfind(" ", 0, lo) + 1) if lo > floor else floor
    cut = text.find(" ", hi)
    hi = len(text) if cut < 0 else cut
    inside = [markup.Span(a - lo, b - lo, "hit") for a, b in spans if lo <= a and b <= hi]
    passage = markup.highlight(text[lo:hi].replace("\n", " "), inside)
    return f"{'… ' if lo > floor else ''}{passage}{' …' if hi < len(text) else ''}", len(spans)
