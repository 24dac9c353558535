"""A PDF page's ruled tables (pdfplumber's `find_tables`) → the data tables a person reads in them.

pdfplumber gives each ruled table's cells as bounding boxes. Their edges make the table's grid
(`RawTable`: every cell with its first row and column and its spans; a slot covered by a merged
cell belongs to that cell). A row whose one cell spans the whole width is layout, not data: some
reports draw whole pages of prose inside a one-column frame, or a part heading across a table's
top. A data table (`Segment`) is a run of rows holding two cells or more, with the single-cell
rows that are its captions: short (SHORT_ROW), with no sentence punctuation (。；，！？) and not a
heading of the report's outline (`二、…`, `（一）…`), just above its first data row
(`第二十条第（一）项`) or between two data rows (`第二十条第（五）项`). A person counts them as
the table's rows; prose and headings end a table and stay text.

A table continued on the next page is one table: the segment that ends its page (nothing but
a footer below it; captions after its last data row go with it) and the one that starts the next
(nothing but a header above it) share their frame and columns (`Columns`: the same edges within
EDGE_TOL; the continuation may merge some columns, or split a few columns the first page only
showed merged, e.g. the label columns of 表三 under its header); then the continuation's leading
captions belong to it, its leading empty rows are dropped, and every part's columns are numbered
in the table's whole grid (the edges of all its parts). Rows at the continuation's top that
repeat the table's first rows (the same texts in the same columns: a header the word processor
repeats on every page, 标题行重复) are drawn, not given out (`repeated_header`). A row broken over the page break is one
row (`join_split_row`): the continuation's first row is the rest of the last row when each of its
texts lies under a cell whose last line fills its width (`RawCell.full`) and does not start as a
new row would (a count, an ordinal).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ...model import Place
from ...speed import Record
from .grid import GridCell
from .pdf_text import join_cell, separator

EDGE_TOL = 4.0  # points: the same column edge on two pages of one table
SNAP = 1.0  # points: edges of one table's cells this close are one edge
PAD = 6.0  # points: a cell's padding at most (Word and LibreOffice: 0.19 cm, 5.4 pt)
WRAP_EM = 1.5  # a line that leaves less than this × its font size free in its cell was wrapped
SHORT_ROW = 40  # characters: a single-cell row this short (and not a sentence or a heading) is a table's caption
_SENTENCE = re.compile(r"[。；;，,！!？?]")
_NEW_ROW = re.compile(r"^\s*(?:\d|[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)])")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十]+\s*[）)])")


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _index(edges: list[float], value: float) -> int:
    i = bisect_left(edges, value - SNAP)
    return min(i, len(edges) - 1)


class RawCell(Record):
    __slots__ = ("r0", "r1", "c0", "c1", "text", "full")

    def __init__(self, r0: int, r1: int, c0: int, c1: int, text: str) -> None:
        self.r0, self.r1, self.c0, self.c1 = r0, r1, c0, c1  # rows r0..r1-1, columns c0..c1-1 (0-based)
        self.text = text
        self.full = False  # a cell at the table's foot whose last line fills its width (wrapped there)


def _fills(box: tuple, chars: list[dict]) -> bool:
    """Does the last line of text in a cell's box fill the cell's width, so that its text could go
    on (a row the page break split)? Less than WRAP_EM of a character's width free on it: beside
    the cell's padding (the left gap, at most PAD points, taken off both sides), or beside the
    cell's widest line (line breaking may push a character that cannot end a line to the next)."""
    x0, top, x1, bottom = box
    inside = [ch for ch in chars if (ch.get("text") or "").strip() and ch["x0"] >= x0 - 1 and ch["x1"] <= x1 + 1
              and ch["top"] >= top - 1 and ch["bottom"] <= bottom + 1]
    if not inside:
        return False
    size = max(float(ch.get("size") or 0) for ch in inside) or 10.0
    last = max(ch["top"] for ch in inside)
    line = [ch for ch in inside if ch["top"] >= last - size / 2]
    left, right = min(ch["x0"] for ch in line), max(ch["x1"] for ch in line)
    pad = min(max(left - x0, 0.0), PAD)
    free = (x1 - x0) - (right - left) - 2 * pad
    above = [ch for ch in inside if ch["top"] < last - size / 2]
    if above:  # the lines above it, by their width
        lines: dict[int, list[float]] = {}
        for ch in above:
            span = lines.setdefault(round(ch["top"] / size), [ch["x0"], ch["x1"]])
            span[0], span[1] = min(span[0], ch["x0"]), max(span[1], ch["x1"])
        free = min(free, max(b - a for a, b in lines.values()) - (right - left))
    return free < WRAP_EM * size


class RawTable(Record):
    __slots__ = ("page", "xs", "ys", "cells", "starts", "single")

    def __init__(self, page: int, table) -> None:
        self.page = page
        boxes = [box for box in table.cells if box]
        self.xs = _edges([v for box in boxes for v in (box[0], box[2])])
        self.ys = _edges([v for box in boxes for v in (box[1], box[3])])
        texts: dict[tuple, str] = {}
        for row, values in zip(table.rows, table.extract()):
            for box, value in zip(row.cells, values):
                if box is not None:
                    texts[tuple(box)] = value or ""
        rows = len(self.ys) - 1
        self.cells: list[RawCell] = []
        owner: list[list[RawCell | None]] = [[None] * (len(self.xs) - 1) for _ in range(max(rows, 0))]
        for box in boxes:
            c0, c1 = _index(self.xs, box[0]), _index(self.xs, box[2])
            r0, r1 = _index(self.ys, box[1]), _index(self.ys, box[3])
            if c1 <= c0 or r1 <= r0:
                continue
            cell = RawCell(r0, r1, c0, c1, join_cell(texts.get(tuple(box), "")))
            self.cells.append(cell)
            for r in range(r0, r1):
                for c in range(c0, c1):
                    owner[r][c] = owner[r][c] or cell
        self.cells.sort(key=lambda cell: (cell.r0, cell.c0))
        self.starts: list[list[RawCell]] = [[] for _ in range(max(rows, 0))]  # the cells a row starts
        for cell in self.cells:
            self.starts[cell.r0].append(cell)
        # a row one cell covers from edge to edge: layout (prose, a heading), not data
        self.single = [len({id(o) for o in slots}) == 1 and slots[0] is not None for slots in owner]
        chars = getattr(getattr(table, "page", None), "chars", None) or []
        for cell in self.cells:  # the foot of the table: where a page break may have split a row
            if cell.r1 == rows and cell.text:
                cell.full = _fills((self.xs[cell.c0], self.ys[cell.r0], self.xs[cell.c1], self.ys[cell.r1]), chars)

    def owner(self, r: int, x: float) -> RawCell | None:
        """The cell covering row r at x."""
        for cell in self.cells:
            if cell.r0 <= r < cell.r1 and self.xs[cell.c0] <= x <= self.xs[cell.c1]:
                return cell
        return None

    @property
    def top(self) -> float:
        return self.ys[0]

    def caption(self, r: int) -> bool:
        """A single-cell row that reads as a caption of the table around it, not as prose or a
        heading of the report (an empty row too: between data rows it is the table's)."""
        text = " ".join(cell.text for cell in self.starts[r]).strip()
        return len(text) <= SHORT_ROW and not _SENTENCE.search(text) and not _HEADING.match(text)

    def runs(self) -> list[tuple[int, int, int, int]]:
        """The data tables in this ruled table: (first caption row above it, first data row, last
        data row, last row of the captions after it when they end the ruled table, else its last
        data row). Rows are 0-based."""
        out: list[tuple[int, int, int, int]] = []
        r, rows = 0, len(self.single)
        while r < rows:
            if self.single[r]:
                r += 1
                continue
            lead = r
            floor = out[-1][2] + 1 if out else 0
            while lead > floor and self.single[lead - 1] and any(c.text for c in self.starts[lead - 1]) and \
                    self.caption(lead - 1):  # captions with text above it
                lead -= 1
            first = last = r
            while r < rows:
                if not self.single[r]:
                    last = r
                elif not self.caption(r):
                    break
                r += 1
            tail = rows - 1 if r == rows else last
            out.append((lead, first, last, tail))
            r = last + 1
        return out


class Segment(Record):
    """Rows start..last of a ruled table, read as (part of) data table `number`."""

    __slots__ = ("raw", "head", "start", "last", "tail", "number", "row_base", "colmap", "ncols", "drop_empty",
                 "rows", "lines", "skip", "after")

    def __init__(self, raw: RawTable, start: int, last: int, tail: int, head: int | None = None) -> None:
        self.raw = raw
        self.head = start if head is None else head  # its first row drawn (a repeated header's, not given out)
        self.start = start
        self.last = last
        self.tail = tail  # its captions ending the ruled table: the segment's if the table goes on
        self.number = 0
        self.row_base = 0  # rows of its table on earlier pages
        self.colmap = list(range(len(raw.xs)))  # this table's column edges → its table's
        self.ncols = len(raw.xs) - 1
        self.drop_empty = False  # a continuation: leading empty rows are the page break's
        self.rows = 0  # rows given out (set when its grid is made)
        self.lines: list = []  # its grid lines (set when its grid is made)
        self.skip = -1  # a continuation: the row (of raw) that is the rest of a row the page break split
        self.after: list = []  # text lines given out after it (footnotes its page break passed)

    @property
    def top(self) -> float:
        return self.raw.ys[self.head]

    @property
    def bottom(self) -> float:
        return self.raw.ys[self.last + 1]

    @property
    def x0(self) -> float:
        return self.raw.xs[0]

    @property
    def x1(self) -> float:
        return self.raw.xs[-1]

    def holds(self, top: float, bottom: float, x0: float, x1: float) -> bool:
        """Is a text line with this box inside the segment (its middle within the rows)?"""
        middle = (top + bottom) / 2
        return self.top - 1 <= middle <= self.bottom + 1 and x1 > self.x0 and x0 < self.x1


def empty_row(raw: RawTable, r: int) -> bool:
    """A row of one-row cells without text: what a page break leaves at a continuation's top."""
    return all(not c.text for c in raw.starts[r]) and all(c.r1 == c.r0 + 1 for c in raw.starts[r])


def _row_key(raw: RawTable, r: int) -> list[tuple[float, float, str]]:
    return [(raw.xs[c.c0], raw.xs[c.c1], c.text) for c in raw.starts[r]]


def _same_row(a: list[tuple[float, float, str]], b: list[tuple[float, float, str]]) -> bool:
    texts = [t for _, _, t in a if t]
    return bool(texts) and texts == [t for _, _, t in b if t] and len(a) == len(b) and \
        all(abs(x0 - y0) <= EDGE_TOL and abs(x1 - y1) <= EDGE_TOL for (x0, x1, _), (y0, y1, _) in zip(a, b))


def repeated_header(first: Segment, raw: RawTable) -> int:
    """How many rows at the top of `raw` (a continuation of the table `first` begins) repeat the
    table's first rows (a word processor's 标题行重复, "repeat as header row"): the same texts in
    the same columns, row for row, from the first row of the ruled table `first` is in or from the
    table's first row; their merged cells end within them. 0 if none."""
    before = first.raw
    best = 0
    for base in dict.fromkeys((0, first.start)):
        k = 0
        while k < len(raw.starts) and base + k < len(before.starts) and \
                _same_row(_row_key(before, base + k), _row_key(raw, k)):
            k += 1
        while k and any(c.r1 > k for r in range(k) for c in raw.starts[r]):
            k -= 1  # a cell of the last matched row runs on below: not a header's
        best = max(best, k)
    return best


def join_split_row(prev: Segment, seg: Segment) -> bool:
    """A word processor breaks a tall row over two pages (`1.本机关不掌握相` at the foot of one,
    `关政府信息` at the top of the next, the values on the first): is the first row of `seg` (a
    continuation of `prev`, leading empty rows passed) the rest of prev's last row? Yes when each of
    its cells with text lies under a cell of that row whose last line fills its width (wrapped
    there) and does not start as a new row would (a count, an ordinal `1.` `（二）` `三、`). Then
    those texts are added to the cells of prev's row and the row is `seg.skip`."""
    raw, before = seg.raw, prev.raw
    last = len(before.single) - 1
    if prev.last != last:
        return False
    r = seg.start
    while r <= seg.last and empty_row(raw, r):
        r += 1
    if r > seg.last or raw.single[r]:
        return False
    joins: list[tuple[RawCell, str]] = []
    for cell in raw.starts[r]:
        if not cell.text:
            continue
        above = before.owner(last, (raw.xs[cell.c0] + raw.xs[cell.c1]) / 2)
        if above is None or not above.text or not above.full or _NEW_ROW.match(cell.text) or \
                any(a is above for a, _ in joins):
            return False
        joins.append((above, cell.text))
    if not joins:
        return False
    for above, text in joins:
        above.text += separator(above.text, text) + text
        above.full = False
    seg.skip = r
    return True


def _near(edges: list[float], x: float) -> int | None:
    """The index of the edge within EDGE_TOL of x, if any."""
    j = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
    return j if abs(edges[j] - x) <= EDGE_TOL else None


class Columns(Record):
    """The column edges of one data table, over all its parts (pages)."""

    __slots__ = ("edges",)

    def __init__(self, raw: RawTable) -> None:
        self.edges = list(raw.xs)

    def join(self, raw: RawTable) -> bool:
        """Take `raw` (a ruled table starting the next page) as a continuation if its columns are
        the table's: the same outer edges, and either every inner edge one of the table's (it may
        merge columns), or every inner edge of the table's one of its own and the few it adds
        (columns the first page only showed merged) fewer than those it shares. Its edges are
        then the table's too."""
        edges, xs = self.edges, raw.xs
        if len(xs) < 2 or _near(edges, xs[0]) != 0 or _near(edges, xs[-1]) != len(edges) - 1:
            return False
        inner = xs[1:-1]
        matched = [_near(edges, x) for x in inner]
        extra = [x for x, j in zip(inner, matched) if j is None]
        shared = {j for j in matched if j is not None}
        if shared & {0, len(edges) - 1} or len(shared) != len(inner) - len(extra):
            return False  # an inner edge on the frame, or two of its edges on one of the table's
        if extra:
            missing = len(edges) - 2 - len(shared)
            if missing or len(extra) >= len(shared):
                return False
            self.edges = sorted(edges + extra)
        return True

    def colmap(self, raw: RawTable) -> list[int]:
        """`raw`'s column edges → the table's column edges (indices)."""
        return [_near(self.edges, x) for x in raw.xs]  # type: ignore[misc]


def crossings(page) -> int:
    """Where a page's horizontal and vertical ruling lines could cross: what finding tables costs."""
    rows = {round(e["top"]) for e in page.edges if e["orientation"] == "h"}
    columns = {round(e["x0"]) for e in page.edges if e["orientation"] == "v"}
    return len(rows) * len(columns)


def segment_grid(seg: Segment) -> list[list[GridCell]]:
    """A segment's rows of cells, in its table's columns; merged cells once, a slot no cell
    covers an empty cell; leading empty rows of a continuation dropped."""
    raw = seg.raw
    rows: list[list[GridCell]] = []
    taken: dict[int, set[int]] = {}  # output row → columns a cell from a row above covers
    skipping = seg.drop_empty
    for r in range(seg.start, seg.last + 1):
        starts = raw.starts[r]
        if skipping and empty_row(raw, r) or r == seg.skip:
            continue
        skipping = False
        i = len(rows)
        row_number = seg.row_base + i + 1
        by_column = {seg.colmap[c.c0]: c for c in starts}
        row: list[GridCell] = []
        c = 0
        while c < seg.ncols:
            if c in taken.get(i, ()):
                c += 1
                continue
            place = Place(page=raw.page, table=seg.number, row=row_number, column=c + 1)
            cell = by_column.get(c)
            if cell is None:
                row.append(GridCell(tag=place))
                c += 1
                continue
            rowspan = min(cell.r1, seg.last + 1) - cell.r0
            colspan = max(1, seg.colmap[cell.c1] - c)
            grid_cell = GridCell(tag=place, rowspan=rowspan, colspan=colspan)
            grid_cell.chars = list(cell.text)
            grid_cell.origin = [place] * len(cell.text)
            row.append(grid_cell)
            for below in range(i + 1, i + rowspan):
                taken.setdefault(below, set()).update(range(c, c + colspan))
            c += colspan
        rows.append(row)
    seg.rows = len(rows)
    return rows
