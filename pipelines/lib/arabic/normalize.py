"""Arabic normalisation for matching, with a map back to the display text.

The display text (``documents.text``) is what offsets point into; the normalised
text is what dictionaries, lexicons and regexes match against. ``normalize_with_map``
returns both the normalised string and, for every normalised character, the index
of the display character it came from, so a match in normalised space can be
reported as a span of the display text.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

# Harakat, Quranic marks, superscript alef and tatweel carry no meaning for matching.
_DROP_CHARS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE))
    + "\u0640"
)
# Invisible characters split words without showing: every format character (Unicode category Cf: zero-width
# space, joiner and non-joiner, direction marks, embeddings and isolates, the word joiner, the soft hyphen,
# the BOM, the Arabic letter mark) and the invisible combining selectors (variation selectors, the combining
# grapheme joiner, Mongolian free variation selectors). "قت‍لوا" with a joiner inside must match "قتلوا".
INVISIBLE_CHARS = "".join(
    chr(c) for c in (*range(0x10000), *range(0xE0000, 0xE0080)) if unicodedata.category(chr(c)) == "Cf"
) + "\u034f\u180b\u180c\u180d\u180f" + "".join(chr(c) for c in range(0xFE00, 0xFE10))
# The same set as a regex character class (Python re and Polars/Rust regex alike).
INVISIBLE_CLASS = "[" + INVISIBLE_CHARS + "]"      # none of them is special inside a class
_INVISIBLE = INVISIBLE_CHARS
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r"

_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
    "ک": "ك", "ی": "ي", "ہ": "ه",
}
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}

_CHAR_TABLE: dict[str, str] = {**_LETTER_MAP, **_DIGITS}
_CHAR_TABLE.update({c: "" for c in _DROP_CHARS + _INVISIBLE})
_CHAR_TABLE.update({c: " " for c in _SPACES})

_TRANSLATE = str.maketrans(_CHAR_TABLE)
_MULTISPACE = re.compile(r"[ ]{2,}")


def _fold_char(ch: str) -> str:
    """Normalise one display character to zero or more matching characters."""
    mapped = _CHAR_TABLE.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    folded = unicodedata.normalize("NFKC", ch)
    return folded.translate(_TRANSLATE).lower()


def normalize(text: str) -> str:
    """Matching form of ``text``: NFKC, no diacritics/tatweel/bidi marks, unified letters,
    ASCII digits, collapsed spaces (newlines are kept as sentence boundaries)."""
    out = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    return _MULTISPACE.sub(" ", out)


# Same mapping as _TRANSLATE, but dropped characters become NUL so that, on the fast path, output
# positions stay aligned with input positions until NULs and doubled spaces are removed with NumPy.
_TRANSLATE_ALIGNED = str.maketrans({k: (v if v else "\x00") for k, v in _CHAR_TABLE.items()})


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise like :func:`normalize` and return, for each output character,
    the index of the input character it came from.

    Runs of spaces collapse to one space, as in :func:`normalize`.
    """
    norm, origin = normalize_with_origin(text)
    return norm, origin.tolist()


def normalize_with_origin(text: str) -> tuple[str, np.ndarray]:
    """:func:`normalize_with_map` with the map as a NumPy array (no Python list per character)."""
    fast = _fast_map(text)
    if fast is not None:
        return fast
    # Only the lines that NFKC would change (presentation forms, ligatures) go character by character.
    parts: list[str] = []
    origins: list[np.ndarray] = []
    pos = 0
    for line in text.split("\n"):
        if pos:
            parts.append("\n")
            origins.append(np.array([pos - 1], dtype=np.int64))
        seg = _fast_map(line)
        if seg is None:
            norm, origin = _normalize_with_map_slow(line)
            seg = (norm, np.asarray(origin, dtype=np.int64))
        parts.append(seg[0])
        origins.append(seg[1] + pos)
        pos += len(line) + 1
    return "".join(parts), np.concatenate(origins)


def _fast_map(text: str) -> tuple[str, np.ndarray] | None:
    """The vectorised path, for text that NFKC leaves as it is and whose folding keeps its length."""
    if "\x00" in text or not unicodedata.is_normalized("NFKC", text):
        return None
    aligned = text.translate(_TRANSLATE_ALIGNED).lower()
    if len(aligned) != len(text):
        return None
    codes = np.frombuffer(aligned.encode("utf-32-le"), dtype=np.uint32)
    origin = np.flatnonzero(codes != 0)
    codes = codes[origin]
    space = codes == 32
    keep = np.ones(len(codes), dtype=bool)
    keep[1:] = ~(space[1:] & space[:-1])
    return codes[keep].tobytes().decode("utf-32-le"), origin[keep].astype(np.int64)


def _normalize_with_map_slow(text: str) -> tuple[str, list[int]]:
    """Character by character, for text that NFKC would change (presentation forms, ligatures)."""
    out_chars: list[str] = []
    origin: list[int] = []
    last_space = False
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for f in folded:
            if f == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out_chars.append(f)
            origin.append(i)
    return "".join(out_chars), origin


def display_span(origin: list[int], start: int, end: int, text_len: int) -> tuple[int, int]:
    """Map a half-open span of normalised text back to the display text."""
    if start >= len(origin):
        return text_len, text_len
    d_start = origin[start]
    d_end = origin[end - 1] + 1 if end > start else d_start
    return d_start, d_end
