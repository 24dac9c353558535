"""A PDF page's ruled tables (pdfplumber's `find_tables`) → the data tables a person reads in them.

pdfplumber gives each ruled table's cells as bounding boxes. Their edges make the table's grid
(`RawTable`: every cell with its first row and column and its spans; a slot covered by a merged
cell belongs to that cell). A row whose one cell spans the whole width is layout, not data: some
reports draw whole pages of prose inside a one-column frame, or a section heading across a
table's top. A data table is a run of rows holding two cells or more (`Segment`); a short
single-cell row between two such rows (`第二十条第（五）项`) belongs to it, prose does not.

A table continued on the next page is one table: the segment that ends its page (nothing but
a footer below it) and the one that starts the next (nothing but a header above it) share their
columns (the same edges, within EDGE_TOL; the continuation may merge some of them); then the
continuation's leading short rows belong to it, its leading empty rows are dropped, and its
columns are numbered as the first page's.
"""
from __future__ import annotations

from bisect import bisect_left

from ..speed import Record
from .pdf_text import join_cell

EDGE_TOL = 4.0  # points: the same column edge on two pages of one table
SNAP = 1.0  # points: edges of one table's cells this close are one edge
SHORT_ROW = 40  # characters: a single-cell row this short, without a full stop, is a table's heading row


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
    __slots__ = ("r0", "r1", "c0", "c1", "text")

    def __init__(self, r0: int, r1: int, c0: int, c1: int, text: str) -> None:
        self.r0, self.r1, self.c0, self.c1 = r0, r1, c0, c1  # rows r0..r1-1, columns c0..c1-1 (0-based)
        self.text = text


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

    @property
    def top(self) -> float:
        return self.ys[0]

    def short(self, r: int) -> bool:
        """A single-cell row that reads as a table's heading row, not as prose."""
        text = " ".join(cell.text for cell in self.starts[r])
        return len(text) <= SHORT_ROW and "。" not in text

    def runs(self) -> list[tuple[int, int, int]]:
        """The data tables in this ruled table: (first leading short row, first data row, last row)."""
        out = []
        r, rows = 0, len(self.single)
        while r < rows:
            if self.single[r]:
                r += 1
                continue
            lead = r
            while lead > 0 and self.single[lead - 1] and self.short(lead - 1) and \
                    (not out or lead - 1 > out[-1][2]):
                lead -= 1
            first = last = r
            while r < rows:
                if not self.single[r]:
                    last = r
                elif not self.short(r):
                    break
                r += 1
            out.append((lead, first, last))
            r = last + 1
        return out


class Segment(Record):
    """Rows start..last of a ruled table, read as (part of) data table `number`."""

    __slots__ = ("raw", "start", "last", "number", "row_base", "colmap", "ncols", "drop_empty", "rows")

    def __init__(self, raw: RawTable, start: int, last: int) -> None:
        self.raw = raw
        self.start = start
        self.last = last
        self.number = 0
        self.row_base = 0  # rows of its table on earlier pages
        self.colmap = list(range(len(raw.xs)))  # this table's column edges → its table's
        self.ncols = len(raw.xs) - 1
        self.drop_empty = False  # a continuation: leading empty rows are the page break's
        self.rows = 0  # rows given out (set when its grid is made)

    @property
    def top(self) -> float:
        return self.raw.ys[self.start]

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


def column_map(prev: Segment, raw: RawTable) -> list[int] | None:
    """`raw`'s column edges → `prev`'s table's column numbering, when `raw` continues it: its
    outer edges are prev's, each inner edge is one of prev's. None: not the same columns."""
    edges, ours = prev.raw.xs, prev.colmap
    out = []
    for x in raw.xs:
        j = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
        if abs(edges[j] - x) > EDGE_TOL or (out and ours[j] <= out[-1]):
            return None
        out.append(ours[j])
    if out[0] != ours[0] or out[-1] != ours[-1]:
        return None
    return out
