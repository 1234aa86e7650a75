"""Tables as HTML the browser lays out cell by cell: Arabic cells right-to-left and start-aligned
(so the start of a title or an evidence sentence shows), Latin cells left-to-right, numbers at the
end with thousands separators, dates without a time, value names instead of snake_case codes,
human column labels, and a CSV / Parquet download of the same rows under each table."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl
import streamlit as st

from dashboards import exports, fmt, labels, markup

PAGE_SIZE = 50
_LINK_COLUMNS = {"source_url"}
_ARTICLE_COLUMNS = {"doc_id", "duplicate_of"}
_WIDE_COLUMNS = {"evidence", "title", "reason", "path"}

TABLE_CSS = (
    "<style>"
    ".rasd-table{overflow:auto;max-height:var(--rasd-h,32rem);border:1px solid #e3e3e3;border-radius:6px;}"
    ".rasd-table table{border-collapse:collapse;font-size:.88rem;width:100%;}"
    ".rasd-table th{position:sticky;top:0;background:#f5f5f3;text-align:start;font-weight:600;padding:.35rem .5rem;"
    "border-bottom:1px solid #ddd;white-space:nowrap;}"
    ".rasd-table td{padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top;text-align:start;}"
    ".rasd-table td.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap;}"
    ".rasd-table td.id{font-family:monospace;font-size:.8rem;color:#555;white-space:nowrap;}"
    ".rasd-table td.wide{min-width:20rem;max-width:36rem;}"
    ".rasd-table td.empty{color:#aaa;}"
    f".rasd-table td[dir=rtl]{{font-family:{markup.ARABIC_FONTS};font-size:.98rem;line-height:1.7;}}"
    ".rasd-table a{color:#1f5fa8;text-decoration:none;}"
    "</style>"
)


def direction(text: str) -> str:
    """``rtl`` when the first strongly directional character is Arabic or Hebrew, else ``ltr``."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _cell(name: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return '<td class="empty">—</td>'
    if isinstance(value, bool):
        return f"<td>{'yes · نعم' if value else 'no · لا'}</td>"
    if isinstance(value, int):
        return f'<td class="num">{value:,}</td>'
    if isinstance(value, float):
        return f'<td class="num">{value:,.4f}</td>' if name in ("lat", "lon") else f'<td class="num">{value:,.2f}</td>'
    if isinstance(value, dt.datetime):
        shown = value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
        return f'<td class="num">{shown}</td>'
    if isinstance(value, dt.date):
        return f'<td class="num">{value.isoformat()}</td>'
    text = str(value)
    if name in _LINK_COLUMNS and text.startswith(("http://", "https://")):
        return f'<td><a href="{markup.escape_attr(text)}" target="_blank" rel="noopener">source ↗</a></td>'
    if name in _ARTICLE_COLUMNS:
        href = markup.escape_attr("article?doc=" + text)
        return f'<td class="id"><a href="{href}" target="_self">{markup.escape_text(text)}</a></td>'
    if name.endswith("_id"):
        return f'<td class="id">{markup.escape_text(text)}</td>'
    if name in labels.value_fields():
        text = labels.value(name, text)
    wide = ' class="wide"' if name in _WIDE_COLUMNS else ""
    return f'<td dir="{direction(text)}"{wide}>{markup.escape_text(text)}</td>'


def _pair(ar: Any, en: Any) -> str:
    """One cell holding a name in Arabic (right-to-left) above its English name."""
    if not ar and not en:
        return '<td class="empty">—</td>'
    parts = []
    if ar:
        parts.append(f'<div dir="{direction(str(ar))}">{markup.escape_text(ar)}</div>')
    if en and en != ar:
        parts.append(f'<div dir="ltr" style="color:#555;font-size:.85em;">{markup.escape_text(en)}</div>')
    return f'<td dir="{direction(str(ar or en))}">{"".join(parts)}</td>'


def _plan(columns: list[str]) -> list[tuple[str, list[str]]]:
    """Header and source columns of each shown column: ``x_ar`` + ``x_en`` merge into one ``x``."""
    plan = []
    for name in columns:
        if name.endswith("_en") and name[:-3] + "_ar" in columns:
            continue
        if name.endswith("_ar") and name[:-3] + "_en" in columns:
            plan.append((name[:-3], [name, name[:-3] + "_en"]))
        else:
            plan.append((name, [name]))
    return plan


def html_table(frame: pl.DataFrame, *, max_height: str = "32rem") -> str:
    """``frame`` as an escaped HTML table with labelled headers (see module docstring); a column
    pair ``x_ar``/``x_en`` shows as one bilingual column ``x``."""
    plan = _plan(frame.columns)
    index = {c: i for i, c in enumerate(frame.columns)}
    head = "".join(f"<th>{markup.escape_text(labels.label(h))}</th>" for h, _ in plan)
    rows = []
    for row in frame.iter_rows():
        cells = [
            _pair(row[index[src[0]]], row[index[src[1]]]) if len(src) == 2 else _cell(h, row[index[src[0]]])
            for h, src in plan
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'{TABLE_CSS}<div class="rasd-table" style="--rasd-h:{max_height}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def show(frame: pl.DataFrame, key: str, *, page_size: int = PAGE_SIZE, max_height: str = "32rem") -> None:
    """Draw ``frame`` as a table, ``page_size`` rows a page with a page picker when longer."""
    if frame.height > page_size:
        n_pages = (frame.height + page_size - 1) // page_size
        left, right = st.columns([1, 3])
        page = left.number_input(f"page (of {n_pages})", 1, n_pages, 1, key=f"{key}_page")
        start = (int(page) - 1) * page_size
        right.caption(f"Rows {start + 1:,}–{min(start + page_size, frame.height):,} of {frame.height:,}.")
        frame = frame.slice(start, page_size)
    st.html(html_table(frame, max_height=max_height))


def downloads(name: str, make: Callable[[], pl.DataFrame], key: str, *, note: str = "") -> None:
    """CSV and Parquet buttons for the rows ``make`` returns (built only when clicked), and the codebook."""
    cols = st.columns([1, 1, 1, 3])
    cols[0].download_button(
        "CSV", lambda: exports.csv_bytes(make()), file_name=f"rasd_{name}.csv", mime="text/csv",
        key=f"{key}_csv", icon=":material/download:", on_click="ignore",
    )
    cols[1].download_button(
        "Parquet", lambda: exports.parquet_bytes(make()), file_name=f"rasd_{name}.parquet",
        mime="application/vnd.apache.parquet", key=f"{key}_parquet", icon=":material/download:", on_click="ignore",
    )
    cols[2].download_button(
        "Codebook", lambda: exports.codebook_markdown({name: make()}), file_name=f"rasd_{name}_codebook.md",
        mime="text/markdown", key=f"{key}_codebook", icon=":material/description:", on_click="ignore",
    )
    if note:
        cols[3].caption(note)


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 article", "2 articles", with thousands separators."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def select(frame: pl.DataFrame, names: Sequence[str]) -> pl.DataFrame:
    """The ``names`` columns of ``frame`` that exist, in that order."""
    return frame.select([n for n in names if n in frame.columns])


def with_reported(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a ``reported`` column read from ``count_low``, ``count_high`` (and ``quantified``)."""
    quantified = frame["quantified"] if "quantified" in frame.columns else pl.Series([True] * frame.height)
    shown = [
        fmt.reported(lo, hi, q)
        for lo, hi, q in zip(frame["count_low"], frame["count_high"], quantified, strict=True)
    ]
    return frame.with_columns(reported=pl.Series(shown, dtype=pl.String))
