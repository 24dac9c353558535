"""HTML → lines, keeping where every character came from in the HTML source.

Tables are read from the markup (rowspan/colspan expanded, one tab-separated line per row, an
empty cell where a merged cell continues), the rest from the page text; scripts, styles and
navigation are skipped. Each produced character carries its (line, column) in the source, so a
finding points at the cell's text in the HTML file (an empty cell: at its <td> tag).

A table holding another table is read as layout (sites wrap the whole article in one): what it
collected so far is given out as paragraphs, in document order, and from then on its cells and
rows only break paragraphs; the innermost tables are the data tables.

Merged cells are expanded by `grid.grid_lines`, within a budget of slots per page.
"""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ...speed import Record
from .grid import MAX_SLOTS, GridCell, grid_lines

Origin = tuple[int, int]

SKIP = {"script", "style", "noscript", "nav", "template", "svg", "iframe", "select", "button", "head"}
BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
         "blockquote", "pre", "dt", "dd", "hr", "title", "caption", "header", "footer", "main", "body"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return _ALIASES.get(name, name)


class _Table(Record):
    __slots__ = ("rows", "layout")

    def __init__(self) -> None:
        self.rows: list[list[GridCell]] = []
        self.layout = False  # holds another table: its cells and rows only break paragraphs


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: list[tuple[str, list[Origin]]] = []
        self.chars: list[str] = []
        self.origin: list[Origin] = []
        self.skip = 0
        self.tables: list[_Table] = []  # open tables, innermost last; all but the last are layout
        self.cell: GridCell | None = None
        self.budget = MAX_SLOTS

    # positions -------------------------------------------------------------
    def _here(self) -> Origin:
        line, offset = self.getpos()
        return line, offset + 1

    def _emit(self, text: str, start: Origin) -> None:
        """Append text whose first character stands at `start` in the source."""
        if self.skip:
            return
        chars, origin = (self.cell.chars, self.cell.origin) if self.cell else (self.chars, self.origin)
        line, col = start
        for ch in text:
            if ch.isspace():  # HTML collapses white space
                if not chars or chars[-1] != " ":
                    chars.append(" ")
                    origin.append((line, col))
            else:
                chars.append(ch)
                origin.append((line, col))
            line, col = (line + 1, 1) if ch == "\n" else (line, col + 1)

    def _break(self) -> None:
        if self.cell is not None:
            self._emit(" ", self._here())
            self.cell.breaks.append(len(self.cell.chars))
            return
        self._paragraph(self.chars, self.origin)
        self.chars, self.origin = [], []

    def _paragraph(self, chars: list[str], origin: list[Origin]) -> None:
        text = "".join(chars)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            body = text.strip()
            kept = origin[lead:lead + len(body)]
            self.lines.append((body, kept + [_after(kept[-1])]))

    def _to_layout(self, table: _Table) -> None:
        """A table holding another one: give out its cells so far as paragraphs, in order."""
        table.layout = True
        for row in table.rows:
            for cell in row:
                start = 0
                for end in [*cell.breaks, len(cell.chars)]:
                    self._paragraph(cell.chars[start:end], cell.origin[start:end])
                    start = end
        table.rows = []
        self.cell = None
        self._break()  # text the table held outside its cells

    def _close_table(self) -> None:
        table = self.tables.pop()
        self.cell = None
        if not table.layout:
            lines, self.budget = grid_lines(table.rows, self.budget, _after)
            self.lines += lines
        else:
            self._break()

    # parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            if self.tables and not self.tables[-1].layout:
                self._to_layout(self.tables[-1])
            self._break()
            self.tables.append(_Table())
        elif tag in ("tr", "td", "th") and self.tables and self.tables[-1].layout:
            self._break()
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1].rows:
                self.tables[-1].rows.append([])
            values = dict(attrs)
            self.cell = GridCell(tag=self._here(), rowspan=_span(values.get("rowspan")),
                              colspan=_span(values.get("colspan")))
            self.tables[-1].rows[-1].append(self.cell)
        elif tag in BLOCK:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK and not self.skip:
            self._break()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("tr", "td", "th") and self.tables and self.tables[-1].layout:
            self._break()
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "table" and self.tables:
            self._close_table()
        elif tag in BLOCK:
            self._break()

    def handle_data(self, data):
        self._emit(data, self._here())

    def handle_entityref(self, name):
        self._emit(unescape(f"&{name};"), self._here())

    def handle_charref(self, name):
        self._emit(unescape(f"&#{name};"), self._here())

    def close(self):
        super().close()
        while self.tables:
            self._close_table()
        self.cell = None
        self._break()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _after(origin: Origin) -> Origin:
    return origin[0], origin[1] + 1


def html_lines(text: str) -> list[tuple[str, list[Origin]]]:
    """The page as lines of text, each with one source (line, column) per character plus its end."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.lines
