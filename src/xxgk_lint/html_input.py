"""HTML → lines, keeping where every character came from in the HTML source.

Tables are read from the markup (rowspan/colspan expanded, one tab-separated line per row, an
empty cell where a merged cell continues), the rest from the page text; scripts, styles and
navigation are skipped. Each produced character carries its (line, column) in the source, so a
finding points at the cell's text in the HTML file (an empty cell: at its <td> tag).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

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


@dataclass
class _Cell:
    chars: list[str] = field(default_factory=list)
    origin: list[Origin] = field(default_factory=list)
    tag: Origin = (1, 1)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: list[tuple[str, list[Origin]]] = []
        self.chars: list[str] = []
        self.origin: list[Origin] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None

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
            return
        text = "".join(self.chars)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            body = text.strip()
            origin = self.origin[lead:lead + len(body)]
            self.lines.append((body, origin + [_after(origin[-1])]))
        self.chars, self.origin = [], []

    # parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self._break()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1].rows:
                self.tables[-1].rows.append([])
            values = dict(attrs)
            self.cell = _Cell(tag=self._here(), rowspan=_span(values.get("rowspan")),
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
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "table" and self.tables:
            self.cell = None
            self.lines += _grid_lines(self.tables.pop())
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
            self.lines += _grid_lines(self.tables.pop())
        self._break()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _after(origin: Origin) -> Origin:
    return origin[0], origin[1] + 1


def _grid_lines(table: _Table) -> list[tuple[str, list[Origin]]]:
    """Expand rowspan/colspan into a grid; one tab-separated line per row."""
    grid: dict[tuple[int, int], tuple[_Cell, bool]] = {}  # (row, col) → (cell, is its first slot)
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid.setdefault((r + dr, c + dc), (cell, dr == 0 and dc == 0))
            c += cell.colspan
    lines = []
    for r in range(len(table.rows)):
        width = max((c + 1 for (rr, c) in grid if rr == r), default=0)
        chars: list[str] = []
        origin: list[Origin] = []
        tag: Origin = (1, 1)  # a separator points at the tag of the cell before it (an empty cell's place)
        for c in range(width):
            cell, first = grid.get((r, c), (None, False))
            if c:
                chars.append("\t")
                origin.append(tag)
            tag = cell.tag if cell is not None else tag
            if cell is not None and first:
                text = "".join(cell.chars).replace("\t", " ")
                lead = len(text) - len(text.lstrip())
                body = text.strip()
                chars += body
                origin += cell.origin[lead:lead + len(body)]
        if "".join(chars).strip():
            end = _after(origin[-1]) if chars and chars[-1] != "\t" else tag
            lines.append(("".join(chars), origin + [end]))
    return lines


def html_lines(text: str) -> list[tuple[str, list[Origin]]]:
    """The page as lines of text, each with one source (line, column) per character plus its end."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.lines
