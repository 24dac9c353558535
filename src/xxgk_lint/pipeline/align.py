"""Align logical rows to the template's tables: which row, which column, which cell.

Nothing is assigned by position alone. A row whose label is lost is reported (P002) at its
line; when a run of such rows fills exactly the gap of missing template rows between two
labelled rows, the presumed labels are recorded for the message, never used silently.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..model import BLANK, LABEL, NUMBER, Cell, Document, Row, Section, Span
from ..speed import Record
from .labels import caption_of, is_caption, match_row, row_index
from .normalize import label_key
from .tables import amount, fit_values, logical_rows, value_offsets
from .template import RowSpec, TableSpec, Template


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
    __slots__ = ("spec", "found", "caption", "rows", "unaligned", "header_keys", "header_span", "header_cells",
                 "presumed_rows")

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.found = False
        self.caption: Span | None = None
        self.rows: dict[str, RowMatch] = {}
        self.unaligned: list[Unaligned] = []
        self.header_keys = ""
        self.header_span: Span | None = None
        self.header_cells: list[Cell] = []  # the header rows' cells, in order
        self.presumed_rows: set[str] = set()

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


def _regions(template: Template, sections: dict[str, Section], n_lines: int) -> dict[str, tuple[int, int]]:
    """Line range searched for each part's tables. A part whose heading is lost is searched in the
    part before it, where its text now sits; with no part before it, from the top of the file to
    the next heading."""
    regions = {}
    order = [s.id for s in template.sections]
    found = sorted(sections.values(), key=lambda s: s.start_line)
    for sid in {t.section for t in template.tables}:
        idx = order.index(sid)
        host = next((sections[o] for o in reversed(order[:idx + 1]) if o in sections), None)
        if host is not None:
            regions[sid] = (host.start_line, host.end_line)
        else:
            regions[sid] = (1, found[0].start_line - 2 if found else n_lines)
    return regions


def align(doc: Document, template: Template, sections: dict[str, Section]) -> dict[str, AlignedTable]:
    tables = {t.id: AlignedTable(t) for t in template.tables}
    regions = _regions(template, sections, len(doc.lines))
    by_region: dict[tuple[int, int], list[TableSpec]] = {}
    for table in template.tables:
        by_region.setdefault(regions[table.section], []).append(table)
    for (first, last), specs in sorted(by_region.items()):
        rows = logical_rows(doc.text_between(first, last))
        _align_region(rows, specs, tables)
    for aligned in tables.values():
        _presume(aligned)
    return tables


def _align_region(rows: list[Row], specs: list[TableSpec], out: dict[str, AlignedTable]) -> None:
    _RegionAligner(specs, out).run(rows)


class _RegionAligner:
    """Walks a part's rows once: captions switch the current table, labels pick template rows,
    label-only rows are headers, and what is left is the 表四 data row or a row to report."""

    def __init__(self, specs: list[TableSpec], out: dict[str, AlignedTable]):
        self.specs, self.out = specs, out
        self.candidates = row_index(tuple(specs))
        self.unlabelled = next((t for t in specs if any(r.unlabelled for r in t.rows)), None)
        self.current: TableSpec | None = None  # the table the text is in now
        self.headers: list[Row] = []  # label-only rows since the last data row
        self.partial: list[Row] = []  # pieces of a 表四 data row split over several rows
        self.offsets: dict[tuple[str, int], int] = {}  # (table, last label index) → where values start
        self.undecided: list = []  # rows whose fillers could sit on either side

    def run(self, rows: list[Row]) -> None:
        for row in _split_at_captions(rows, self.specs):
            self.visit(row)
        self.flush_partial()
        self.refit_undecided()
        if self.unlabelled is not None:
            _take_headers(self.out[self.unlabelled.id], self.headers, only_if_empty=True)

    def visit(self, row: Row) -> None:
        caption = caption_of(row, self.specs)
        if caption:
            self.current, cell = caption
            aligned = self.out[self.current.id]
            aligned.found = True
            aligned.caption = aligned.caption or cell.span
            self.headers = []
            return
        hit = self.match(row)
        if hit is not None:
            self.take(row, *hit)
        elif not row.has_number:
            if row.labels:
                self.headers.append(row)
        elif row.labels or not self.take_unlabelled(row):
            self.lost(row)

    def match(self, row: Row):
        hit = match_row(row, self.candidates)
        values = row.values_after_labels()
        if hit and not hit[1].group and not any(c.kind is not BLANK for c in values):
            if not values or row.labels[-1] is not hit[2]:
                return None  # a header row naming row labels (a stray header inside a table)
        if hit is None and row.has_number and self.headers:
            hit = self.match_wrapped(row) if row.labels else self.match_label_above(row)
        return hit

    def match_label_above(self, row: Row):
        """Values on their own line under their label (a row split across lines)."""
        previous = self.headers[-1]
        hit = match_row(Row(previous.labels + row.cells), self.candidates)
        if hit is None or hit[1].group:
            return None
        self.headers.pop()
        return hit

    def match_wrapped(self, row: Row):
        """A label broken by a line wrap: the previous label-only line plus this row's label."""
        previous = self.headers[-1]
        joined = previous.labels[-1].text + row.labels[0].text
        probe = Row([Cell(joined, joined, previous.labels[-1].span, LABEL)] + row.cells[1:])
        hit = match_row(probe, self.candidates)
        if hit is None:
            return None
        self.headers.pop()
        return hit[0], hit[1], previous.labels[-1]

    def take(self, row: Row, table: TableSpec, spec: RowSpec, label: Cell) -> None:
        self.current = table
        aligned = self.out[table.id]
        aligned.found = True
        if self.headers:
            _take_headers(aligned, self.headers)
            self.headers = []
        values = row.values_after_labels()
        if spec.group:
            if any(c.kind is NUMBER for c in values):
                aligned.unaligned.append(Unaligned(row, "caption-values"))
            return
        if spec.id in aligned.rows:
            aligned.unaligned.append(Unaligned(row, "duplicate", first_line=aligned.rows[spec.id].row.line))
            return
        fitted = self.fit(table, row, values) or _without_subtotal(aligned, values)
        aligned.rows[spec.id] = RowMatch(spec, row, label, fitted)
        if fitted is None:
            aligned.unaligned.append(Unaligned(row, "cell-count", count=len(values)))

    def fit(self, table: TableSpec, row: Row, values: list[Cell]) -> list[Cell] | None:
        """Fit a row's values, learning from unambiguous rows where values start after rows of
        the same shape (the index of their last label): extraction is consistent within a table."""
        key = (table.id, row.last_label)
        offsets = value_offsets(values, len(table.columns))
        if len(offsets) == 1:
            self.offsets.setdefault(key, offsets[0])
        elif len(offsets) > 1 and key not in self.offsets:
            self.undecided.append((key, table, row, values))  # decided once later rows teach the shape
        return fit_values(values, len(table.columns), self.offsets.get(key), offsets)

    def refit_undecided(self) -> None:
        for key, table, row, values in self.undecided:
            match = next((m for m in self.out[table.id].rows.values() if m.row is row), None)
            if match is not None and key in self.offsets:
                match.values = fit_values(values, len(table.columns), self.offsets[key])

    def take_unlabelled(self, row: Row) -> bool:
        """The data row of 表四: label-less, as many values as the table has columns — or split
        into pieces (one per 复议/诉讼 group) whose values add up to that."""
        table = self.unlabelled
        if table is None:
            return False
        aligned = self.out[table.id]
        spec = next(r for r in table.rows if r.unlabelled)
        if spec.id in aligned.rows:
            return False
        in_part = self.current is None or self.current.section == table.section
        cells = [c for r in self.partial for c in r.cells] + row.cells
        fitted = fit_values(cells, len(table.columns))
        if fitted is None and in_part and len(cells) < len(table.columns):
            self.partial.append(row)
            return True
        if not in_part and (self.partial or len(row.cells) <= len(self.current.columns) + 1):
            return False  # a row the size of the current table's: its label is lost, not 表四's
        if fitted is None:
            return False
        aligned.found = True
        _take_headers(aligned, self.headers)
        self.headers = []
        pieces = self.partial + [row]
        self.partial = []
        aligned.rows[spec.id] = RowMatch(spec, Row(cells) if len(pieces) > 1 else row, None, fitted)
        return True

    def flush_partial(self) -> None:
        for row in self.partial:
            self.lost(row)
        self.partial = []

    def lost(self, row: Row) -> None:
        """A row with numbers but no recognised label: its label was lost or is not the template's."""
        table = self.current or self.specs[0]
        width = len(table.columns)
        if self.unlabelled is not None and table is not self.unlabelled and not row.labels \
                and len(row.cells) > width + 1:
            table = self.unlabelled
        reason = "unknown-label" if row.labels else "no-label"
        self.out[table.id].found = True
        self.out[table.id].unaligned.append(Unaligned(row, reason))


def _without_subtotal(aligned: AlignedTable, values: list[Cell]) -> list[Cell] | None:
    """Drop an extra subtotal column (法人或其他组织小计) — only where the header names it and the
    value is exactly the sum of the columns it totals."""
    spec = aligned.spec
    if spec.subtotal is None or spec.subtotal[0] not in aligned.header_keys:
        return None
    values = fit_values(values, len(spec.columns) + 1)
    if values is None or any(c.kind is not NUMBER for c in values):
        return None
    parts = [spec.column_index(c) for c in spec.subtotal[1]]
    amounts = [amount(c.text) for c in values]
    for k in range(len(values)):
        rest = amounts[:k] + amounts[k + 1:]
        if amounts[k] == sum(rest[i] for i in parts):
            return values[:k] + values[k + 1:]
    return None


def _split_at_captions(rows: list[Row], specs: list[TableSpec]) -> list[Row]:
    """One-cell-per-line text can gather a caption with the labels around it into one row."""
    out = []
    for row in rows:
        if not any("条" in c.text for c in row.labels):  # every caption is 第二十条第…项
            out.append(row)
            continue
        captions = [i for i, c in enumerate(row.cells) if c.kind is LABEL and is_caption(c.text, specs)]
        if not captions:
            out.append(row)
            continue
        cuts = sorted({0, len(row.cells)} | set(captions) | {i + 1 for i in captions})
        out += [Row(row.cells[a:b]) for a, b in zip(cuts, cuts[1:])]
    return [r for r in out if r.cells]


def _take_headers(aligned: AlignedTable, headers: list[Row], only_if_empty: bool = False) -> None:
    if not headers or (only_if_empty and aligned.header_keys):
        return
    aligned.header_keys += "".join(label_key(c.text) for r in headers for c in r.cells)
    aligned.header_span = aligned.header_span or next(c.span for c in headers[0].cells if c.text)
    aligned.header_cells += [c for r in headers if len(r.cells) > 1 for c in r.cells if c.text]


def _presume(aligned: AlignedTable) -> None:
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
