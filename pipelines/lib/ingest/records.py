"""Split a decoded input file into article records.

A ``.txt`` file is one article (first non-empty line is the title). Dumps
(``.jsonl``, ``.json``, ``.csv``) hold many, with the field names crawlers use.
A body field must be a string or a list of strings (paragraphs); HTML, in a
``.txt`` file or in a field, is converted to text (``html.py``) and never kept
as markup.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from pipelines.lib.ingest.html import html_to_text, looks_like_html

# The csv module refuses a field over 128 KiB by default; a long article in one cell is still an article
# (the file size cap, RASD_MAX_FILE_BYTES, bounds it).
csv.field_size_limit(2**31 - 1)

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".json", ".csv")

_TITLE_FIELDS = ("title", "headline", "name")
_TEXT_FIELDS = ("text", "maintext", "content", "body", "article", "description")
_URL_FIELDS = ("url", "link", "source_url")
_DATE_FIELDS = ("date_publish", "date", "published_at", "published", "pubdate", "datetime", "date_modify")
_OUTLET_FIELDS = ("source", "outlet", "source_domain", "publisher", "site")
_ID_FIELDS = ("id", "doc_id", "article_id", "uuid")


class BadRecords(Exception):
    """The file is text but holds no usable article; ``str(exc)`` says why."""


@dataclass(frozen=True)
class Record:
    doc_id: str
    record_no: int
    title: str | None
    body: str
    url: str | None
    outlet: str | None
    published_at: datetime | None


def _first(row: dict, fields: tuple[str, ...]) -> str | None:
    lowered = {str(k).lower(): v for k, v in row.items()}
    for f in fields:
        value = lowered.get(f)
        if value is None:
            continue
        if isinstance(value, dict):  # e.g. {"source": {"name": ...}}
            value = value.get("name") or value.get("title")
        if value is None or isinstance(value, (dict, list)):
            continue                 # never a Python repr as a title, link or name
        text = str(value).strip()
        if text:
            return text
    return None


def parse_date(value: str | None) -> datetime | None:
    """ISO dates and the common crawler formats; anything else is left NULL."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
            try:
                parsed = datetime.strptime(text[: len(fmt) + 4].strip(), fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def _stable_id(stem: str, row: dict, record_no: int) -> str:
    own = _first(row, _ID_FIELDS)
    if own:
        return f"{stem}:{own}"
    url = _first(row, _URL_FIELDS)
    key = url if url else f"line{record_no}"
    return f"{stem}:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list with non-text items"
    return f"a {type(value).__name__}"


def _body(row: dict) -> tuple[str | None, str | None]:
    """(body, None) from the first text field with text in it, or (None, why the record has none).

    A body is a string, or a list of strings joined as paragraphs; a field of any other type makes the
    record unusable (its ``str()`` would be ``None``, a Python repr or digits, never an article).
    """
    lowered = {str(k).lower(): v for k, v in row.items()}
    for name in _TEXT_FIELDS:
        value = lowered.get(name)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = "\n".join(item.strip() for item in value if item.strip())
        if not isinstance(value, str):
            return None, f"field '{name}' is {_kind(value)}, not text"
        if not value.strip():
            continue
        if looks_like_html(value):
            _, value = html_to_text(value)
            if not value:
                return None, f"field '{name}' is HTML with no readable text"
        return value.strip(), None
    return None, f"no text field ({'/'.join(_TEXT_FIELDS)})"


def _plain(text: str | None) -> str | None:
    """A title or name without markup."""
    if text and looks_like_html(text):
        title, body = html_to_text(text)
        text = title or body.replace("\n", " ")
    return text or None


def _record_from_row(stem: str, row: dict, record_no: int) -> Record | str:
    """The record of one dump row, or the reason it has none."""
    body, problem = _body(row)
    if body is None:
        return problem
    return Record(
        doc_id=_stable_id(stem, row, record_no),
        record_no=record_no,
        title=_plain(_first(row, _TITLE_FIELDS)),
        body=body,
        url=_first(row, _URL_FIELDS),
        outlet=_first(row, _OUTLET_FIELDS),
        published_at=parse_date(_first(row, _DATE_FIELDS)),
    )


def split_title(text: str) -> tuple[str | None, str]:
    """First non-empty line is the title; the rest is the body."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1 :])
    return None, ""


def _rows_from_json(text: str) -> list[dict]:
    data = json.loads(text)
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "docs"):
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    if isinstance(data, list):
        return data
    raise BadRecords("JSON holds neither an object nor a list of articles")


def parse_records(path: str, text: str) -> tuple[list[Record], list[str]]:
    """Articles in one file and a list of problems with individual records (skipped, never silent)."""
    p = PurePosixPath(path)
    suffix = p.suffix.lower()
    stem = p.stem
    problems: list[str] = []
    if suffix == ".txt":
        if looks_like_html(text):
            title, body = html_to_text(text)
            if not body:
                raise BadRecords("an HTML page with no readable text (scripts, styles and navigation dropped)")
            if title is None:
                title, body = split_title(body)
        else:
            title, body = split_title(text)
        if not body.strip():
            raise BadRecords("the text file has a title line but no article body")
        return [Record(stem, 0, title, body, None, None, None)], problems

    rows: list[tuple[int, object]] = []
    if suffix == ".jsonl":
        for n, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(f"line {n + 1}: invalid JSON ({exc.msg})")
            except RecursionError:
                problems.append(f"line {n + 1}: JSON nested too deeply")
    elif suffix == ".json":
        try:
            rows = list(enumerate(_rows_from_json(text)))
        except json.JSONDecodeError as exc:
            raise BadRecords(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
        except RecursionError as exc:
            raise BadRecords("invalid JSON: nested too deeply") from exc
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:
            rows = [(n, row) for n, row in enumerate(reader)]
        except csv.Error as exc:
            raise BadRecords(f"invalid CSV at line {reader.line_num}: {exc}") from exc
    else:
        raise BadRecords(f"unsupported file type '{suffix}'")

    records: list[Record] = []
    for n, row in rows:
        if not isinstance(row, dict):
            problems.append(f"record {n}: not an object")
            continue
        rec = _record_from_row(stem, row, n)
        if isinstance(rec, str):
            problems.append(f"record {n}: {rec}")
            continue
        records.append(rec)
    if not records:
        detail = f" ({problems[0]})" if problems else ""
        raise BadRecords(f"no article records in the {suffix} file{detail}")
    seen: set[str] = set()
    unique: list[Record] = []
    for rec in records:
        if rec.doc_id in seen:
            problems.append(f"record {rec.record_no}: repeats id {rec.doc_id}")
            continue
        seen.add(rec.doc_id)
        unique.append(rec)
    return unique, problems
