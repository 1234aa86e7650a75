"""Turn the bytes of an input file into text, or say clearly why not.

BOMs are trusted first (they are unambiguous); everything else goes to
charset-normalizer, which tells UTF-8 from Windows-1256 and UTF-16 without a BOM.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/carriage return/form feed (and U+FFFD, the mark of a failed
# decode): text never has many of them. A regex counts them in C; a per-character loop would dominate ingest.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


class Unreadable(Exception):
    """The file cannot be read as text; ``str(exc)`` is the human-readable reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample)


def _accept(text: str, encoding: str) -> Decoded:
    # Tests that copy nothing: ``text.strip()`` and the two replaces copied every article (0.06 CPU-s per
    # 10,000 of them), though almost none is blank or has a carriage return.
    if not text or text.isspace():
        raise Unreadable(f"no text: the file decodes ({encoding}) to whitespace only")
    if _control_ratio(text) > 0.01:
        raise Unreadable(f"binary content: control characters in the text decoded as {encoding}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Arabic in UTF-16 has a zero high byte on spaces/ASCII and 0x06 on letters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) + odd.count(6) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) + even.count(6) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode ``data`` or raise :class:`Unreadable` with the reason."""
    if not data:
        raise Unreadable("empty file (0 bytes)")
    if len(data) > max_bytes:
        raise Unreadable(f"file too large: {len(data)} bytes exceeds the cap of {max_bytes} bytes")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Unreadable(f"invalid {encoding} after its byte-order mark: {exc.reason}") from exc
            return _accept(text.lstrip("\ufeff"), encoding.replace("-sig", ""))
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _accept(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _accept(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise Unreadable("binary content: NUL bytes and no text encoding fits")
    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("undecodable: no text encoding fits these bytes")
    encoding = best.encoding
    # charset-normalizer may name a close cousin for short Arabic samples; cp1256 is what Arabic Windows writes.
    if encoding in {"iso8859_6", "cp720", "mac_arabic"}:
        try:
            return _accept(data.decode("cp1256"), "cp1256")
        except UnicodeDecodeError:
            pass
    return _accept(str(best), encoding)
