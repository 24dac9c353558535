"""A table of cells with row and column spans → one tab-separated line per row.

Shared by the readers of formats with real tables (HTML, .docx, .pdf): a merged cell is one cell,
given out once at its first slot, and every other slot it covers is an empty cell, so a total is
never read twice and every value keeps its column. Each character carries its origin (HTML: the
source line and column; documents: its `Place`); an empty cell is found by the origin of its tab.

Expanding merged cells is linear in the slots of the grid, and a page's (or document's) tables may
expand to at most MAX_SLOTS slots (past that a cell keeps one slot), so hostile spans cannot blow it up.
"""
from __future__ import annotations

from collections.abc import Callable

from ...speed import Record

MAX_SLOTS = 200_000  # grid slots and positions a page's tables may expand to (see grid_lines)


class GridCell(Record):
    __slots__ = ("chars", "origin", "tag", "rowspan", "colspan", "breaks")

    def __init__(self, tag: object = (1, 1), rowspan: int = 1, colspan: int = 1) -> None:
        self.chars: list[str] = []
        self.origin: list[object] = []
        self.tag = tag
        self.rowspan = rowspan
        self.colspan = colspan
        self.breaks: list[int] = []  # where a block element broke its text

    @property
    def label(self) -> bool:
        """Words, not a count: Chinese characters and no digits."""
        return any("\u4e00" <= ch <= "\u9fff" for ch in self.chars) and not any(ch.isdigit() for ch in self.chars)


def grid_lines(rows: list[list[GridCell]], budget: int,
               after: Callable[[object], object]) -> tuple[list[tuple[str, list]], int]:
    """Expand rowspan/colspan into a grid; one tab-separated line per row, with the origin of each
    character and of the end (`after(origin)`: the origin just after a character's). Also: the budget left.

    `budget` bounds the work: each cell is charged the slots its rectangle walks over plus the
    positions it widens rows by (the sum of the rows' widths is what is given out, tabs included).
    A cell costing more than is left keeps one slot, so the work is linear in the page whatever
    the spans, and a page's tables give out at most MAX_SLOTS positions plus two a cell.
    """
    count = len(rows)
    grid: list[dict[int, tuple[GridCell, bool]]] = [{} for _ in range(count)]  # col → (cell, is its first slot)
    width = [0] * count
    for r, row in enumerate(rows):
        slots = grid[r]
        c = 0
        for cell in row:
            while c in slots:
                c += 1
            rowspan, colspan = min(cell.rowspan, count - r), cell.colspan  # a span stops at the table's end
            # what the cell costs: the slots it walks over, and the positions it widens rows by
            cost = rowspan * colspan + sum(max(0, c + colspan - width[rr]) for rr in range(r, r + rowspan))
            if cost > budget:
                rowspan, colspan = 1, 1
                cost = 1 + max(0, c + 1 - width[r])  # at most 2: c is at most the row's width
            budget = max(0, budget - cost)
            for dr in range(rowspan):
                below = grid[r + dr]
                for dc in range(colspan):
                    below.setdefault(c + dc, (cell, dr == 0 and dc == 0))
                width[r + dr] = max(width[r + dr], c + colspan)
            c += colspan
    lines = []
    for r in range(count):
        slots = grid[r]
        chars: list[str] = []
        origin: list[object] = []
        tag: object = (1, 1)  # a separator points at the tag of the cell before it (an empty cell's place)
        cells = 0
        for c in range(width[r]):
            cell, first = slots.get(c, (None, False))
            if cell is not None and not first and slots.get(c - 1, (None,))[0] is cell and cell.label:
                continue  # a label spanning columns is one cell: no empty cells after it to fit values to
            cells += first
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
        if "".join(chars).strip() or cells > 1:  # a row of empty cells (表四 left blank) is a row
            end = after(origin[-1]) if chars and chars[-1] != "\t" else tag
            lines.append(("".join(chars), origin + [end]))
    return lines, budget
