"""Read back the HTML tables the dashboard draws (dashboards/tables.py) from AppTest's st.html blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    directions: list[list[str | None]] = field(default_factory=list)

    def column(self, header_start: str) -> list[str]:
        """Cell texts of the first column whose header starts with ``header_start``."""
        i = next(i for i, h in enumerate(self.headers) if h.startswith(header_start))
        return [r[i] for r in self.rows]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._cell: list[str] | None = None
        self._dir: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
            self.tables[-1].directions.append([])
        elif tag in ("td", "th"):
            self._cell, self._dir = [], dict(attrs).get("dir")
        elif tag == "div" and self._cell is not None and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            table = self.tables[-1]
            if tag == "th":
                table.headers.append(text)
            else:
                table.rows[-1].append(text)
                table.directions[-1].append(self._dir)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(blocks: list[str]) -> list[Table]:
    """Every table in the HTML ``blocks``, header row dropped from ``rows``."""
    parser = _Parser()
    for block in blocks:
        parser.feed(block)
    for t in parser.tables:
        t.rows = [r for r in t.rows if r]
        t.directions = [d for d in t.directions if d]
    return parser.tables
