"""The tables as aligned to the template: each template row's cells, the rows that could not be
aligned and why, and — for a run of rows whose labels were lost — the template rows they presumably
are (said in every finding, used only where they fill the gap exactly)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..model import Cell, Row, Span
from ..speed import Record
from .tables import fit_values
from .template import RowSpec, TableSpec


class RowMatch(Record):
    __slots__ = ("spec", "row", "label", "values", "presumed")

    def __init__(self, spec: RowSpec, row: Row, label: Cell | None, values: list[Cell] | None,
                 presumed: bool = False) -> None:
        self.spec = spec
        self.row = row
        self.label = label
        self.values = values  # None: the row's cells could not be fitted to the columns
        self.presumed = presumed  # label lost; the row is taken by its position (said in every message)


class Unaligned(Record):
    __slots__ = ("row", "reason", "count", "presumed", "first_line", "checked")

    def __init__(self, row: Row, reason: str, count: int = 0, first_line: int = 0) -> None:
        self.row = row
        self.reason = reason  # no-label | unknown-label | caption-values | cell-count | duplicate
        self.count = count  # value cells found (cell-count)
        self.presumed: list[str] = []  # template row labels it presumably stands for
        self.first_line = first_line  # duplicate: where the row first appeared
        self.checked = False  # its numbers were checked under the presumed label


class AlignedTable(Record):
    __slots__ = ("spec", "template", "found", "caption", "rows", "unaligned", "header_keys", "header_span",
                 "header_cells", "presumed_rows", "near_misses", "fillers")

    def __init__(self, spec: TableSpec, template: str = "") -> None:
        self.spec = spec
        self.template = template  # the id of the template this table follows (chosen per part)
        self.found = False
        self.caption: Span | None = None
        self.rows: dict[str, RowMatch] = {}
        self.unaligned: list[Unaligned] = []
        self.header_keys = ""
        self.header_span: Span | None = None
        self.header_cells: list[Cell] = []  # the header rows' cells, in order
        self.presumed_rows: set[str] = set()
        self.near_misses: list[tuple[Cell, RowSpec]] = []  # labels aligned to the row they nearly are
        self.fillers = 0  # empty cells left out to fit rows to the columns (how well a reading fits)

    def lines(self) -> set[int]:
        """Lines holding this table's rows (matched, unaligned, and headers of several cells)."""
        rows = [m.row for m in self.rows.values()] + [u.row for u in self.unaligned]
        out = {c.span.line for r in rows for c in r.cells}
        return out | ({c.span.line for c in self.header_cells} if len(self.header_cells) > 1 else set())

    def cell(self, row_id: str, column_id: str) -> Cell | None:
        match = self.rows.get(row_id)
        if match is None or match.values is None:
            return None
        return match.values[self.spec.column_index(column_id)]

    @property
    def anchor(self) -> Span | None:
        first = min((m.row.cells[0].span for m in self.rows.values()), key=lambda s: s.line, default=None)
        return self.caption or self.header_span or first


def presume(aligned: AlignedTable) -> None:
    """For each run of label-less rows between two labelled rows, the template rows missing there.

    When every lost row sits exactly where missing template rows belong (run length = gap length)
    and its cells fit the columns, its numbers are checked under the presumed label — the
    findings say so. Otherwise they are reported and left out of every check."""
    spec = aligned.spec
    order = [r.id for r in spec.value_rows]
    lost = [u for u in aligned.unaligned if u.reason in ("no-label", "caption-values", "unknown-label")]
    if not lost:
        return
    matched = sorted(((m.row.line, m.spec.id) for m in aligned.rows.values()))
    exact: list[tuple[Unaligned, str]] = []
    for run in _runs(lost, matched):
        before = max((rid for line, rid in matched if line < run[0].row.line), key=order.index, default=None)
        after = min((rid for line, rid in matched if line > run[-1].row.line), key=order.index, default=None)
        lo = order.index(before) + 1 if before else 0
        hi = order.index(after) if after else len(order)
        gap = [rid for rid in order[lo:hi] if rid not in aligned.rows]
        aligned.presumed_rows.update(gap)
        if len(gap) == len(run):
            exact += list(zip(run, gap))
    specs = {r.id: r for r in spec.rows}
    for unaligned, rid in exact:
        unaligned.presumed = [specs[rid].label]
    if len(exact) != len(lost) or len(lost) != len(aligned.unaligned):
        return  # other rows are in doubt too: take none by position
    for unaligned, rid in exact:
        values = fit_values(unaligned.row.values_after_labels(), len(spec.columns))
        if values is not None:
            aligned.rows[rid] = RowMatch(specs[rid], unaligned.row, None, values, presumed=True)
            unaligned.checked = True


def _runs(lost: list[Unaligned], matched: list[tuple[int, str]]) -> list[list[Unaligned]]:
    """Split the lost rows into runs not interrupted by a labelled row."""
    runs: list[list[Unaligned]] = []
    lines = [line for line, _ in matched]  # sorted
    for u in sorted(lost, key=lambda u: u.row.line):
        if runs and bisect_left(lines, u.row.line) == bisect_right(lines, runs[-1][-1].row.line):
            runs[-1].append(u)
        else:
            runs.append([u])
    return runs
