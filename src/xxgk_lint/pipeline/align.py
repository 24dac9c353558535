"""Align logical rows to the template's tables: which row, which column, which cell.

Nothing is assigned by position alone. A row whose label is lost is reported (P002) at its
line; when a run of such rows fills exactly the gap of missing template rows between two
labelled rows, the presumed labels are recorded for the message, never used silently.
"""
from __future__ import annotations

from collections import Counter

from ..model import BLANK, JUNK, LABEL, NUMBER, Cell, Row, Span
from .aligned import AlignedTable, RowMatch, Unaligned
from .labels import RowIndex, caption_of, match_row, near_row, row_index
from .normalize import label_key
from .row_cells import (
    cells_after,
    is_word,
    row_starter,
    split_at_captions,
    split_at_row_labels,
    values_of,
    without_trailing_text,
)
from .tables import amount, fit_values, logical_rows, value_offsets
from .template import RowSpec, TableSpec


class RegionAligner:
    """Walks a part's rows once: captions switch the current table, labels pick template rows,
    label-only rows are headers, and what is left is the 表四 data row or a row to report."""

    def __init__(self, specs: list[TableSpec], out: dict[str, AlignedTable]):
        self.specs, self.out = specs, out
        self.candidates: RowIndex = row_index(tuple(specs))
        self.unlabelled = next((t for t in specs if any(r.unlabelled for r in t.rows)), None)
        self.current: TableSpec | None = None  # the table the text is in now
        self.headers: list[Row] = []  # label-only rows since the last data row
        self.partial: list[Row] = []  # pieces of a 表四 data row split over several rows
        self.offsets: dict[tuple[str, int], int] = {}  # (table, last label index) → where values start
        self.undecided: list = []  # rows whose fillers could sit on either side
        self.label_only: list[tuple] = []  # (table, row spec, row, label, headers before it): no cells after it

    def run(self, lines: list, per_empty: int = 1) -> None:
        rows = logical_rows(lines, row_starter(self.candidates, self.specs), per_empty)
        for row in split_at_captions(rows, self.specs):
            for piece in split_at_row_labels(row, self.candidates):
                self.visit(piece)
        self.flush_partial()
        self.refit_undecided()
        self.take_label_only()
        if self.unlabelled is not None:
            aligned = self.out[self.unlabelled.id]
            if self.headers and self.names_headers(self.unlabelled, []):
                aligned.found = True  # its header is there, its data row is not (T002 says so)
            _take_headers(aligned, self.headers, only_if_empty=True)

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
        elif self.take_header_and_data(row):
            pass
        elif not row.has_number:
            if row.labels:
                self.headers.append(row)
        elif row.labels or not self.take_unlabelled(row):
            self.lost(row)

    def match(self, row: Row):
        hit, near = match_row(row, self.candidates), False
        if hit is None and len(row.labels) > 1:
            hit = self.match_broken(row)
        if hit is None and row.has_number and self.headers:
            hit = self.match_wrapped(row) if row.labels else self.match_label_above(row)
        if (hit is None or hit[1].group) and row.has_number:  # a label that lost characters, by its values
            near_hit = near_row(row, self.candidates)
            if near_hit is not None:
                hit, near = near_hit, True
        if hit is None:
            return None
        values = values_of(row, hit[2], hit[1], len(hit[0].columns))
        if not hit[1].group and not any(c.kind is NUMBER for c in values):
            if self.names_rows(row, hit[1]) or (not values and any(c.kind is LABEL for c in cells_after(row, hit[2]))):
                return None  # a header row naming row labels (a stray header inside a table)
            if not values:  # the row's label alone: its cells were blank and left out
                self.label_only.append((hit[0], hit[1], row, hit[2], list(self.headers)))
                self.headers.append(row)
                return None
        return (*hit, near, values)

    def names_rows(self, row: Row, spec: RowSpec) -> bool:
        """Does a row without numbers name other template rows too (a header such as `项目 | 本年新收件数 |
        上年结转件数 | … | 总计`)?"""
        return any((hit := self.candidates.lookup(c.text)) is not None and hit[1] is not spec and not hit[1].group
                   for c in row.labels)

    def match_label_above(self, row: Row):
        """Values on their own line under their label (a row split across lines)."""
        previous = self.headers[-1]
        hit = match_row(Row(previous.labels + row.cells), self.candidates)
        if hit is None or hit[1].group:
            return None
        self.headers.pop()
        return hit

    def match_broken(self, row: Row):
        """A label broken over two cells of the row (one cell per line: `2.其他法律行政法规` then
        `禁止公开`): the two pieces together name the row; its label is the first piece."""
        labels = row.labels
        for first, second in zip(reversed(labels[:-1]), reversed(labels[1:])):
            hit = self.candidates.lookup(first.text + second.text)
            if hit is not None and not hit[1].group:
                return hit[0], hit[1], first
        return None

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

    def take(self, row: Row, table: TableSpec, spec: RowSpec, label: Cell, near: bool, values: list[Cell]) -> None:
        self.current = table
        aligned = self.out[table.id]
        aligned.found = True
        if self.headers:
            _take_headers(aligned, self.headers)
            self.headers = []
        if near:
            aligned.near_misses.append((label, spec))
        if spec.group:
            if any(c.kind is NUMBER for c in values):
                aligned.unaligned.append(Unaligned(row, "caption-values"))
            return
        if spec.id in aligned.rows:
            aligned.unaligned.append(Unaligned(row, "duplicate", first_line=aligned.rows[spec.id].row.line))
            return
        fitted = self.fit(table, row, values) or _without_subtotal(aligned, values)
        if fitted is None and row.cells[0].span.line != row.cells[-1].span.line:
            fitted = without_trailing_text(values, len(table.columns))
        aligned.rows[spec.id] = RowMatch(spec, row, label, fitted)
        if fitted is None:
            aligned.unaligned.append(Unaligned(row, "cell-count", count=len(values)))
        else:
            aligned.fillers += len(values) - len(fitted)

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

    def take_label_only(self) -> None:
        """A template row present by its label alone (every cell blank and left out by extraction, or
        never filled): the row is there and blank, unless the table has that row elsewhere."""
        per_table = Counter(table.id for table, *_ in self.label_only)
        for table, spec, row, label, headers in self.label_only:
            aligned = self.out[table.id]
            lost = any(u.reason in ("no-label", "unknown-label", "caption-values") for u in aligned.unaligned)
            if spec.id in aligned.rows or lost or not (aligned.found or per_table[table.id] > 1):
                continue  # rows without their labels in the table: the label may be theirs
            aligned.found = True  # a table of labels alone is there, blank
            _take_headers(aligned, headers, only_if_empty=True)
            end = label.span.end_column
            blank = Cell("", "", Span(label.span.line, end, label.span.line, end), BLANK)
            aligned.rows[spec.id] = RowMatch(spec, row, label, [blank] * len(table.columns))

    def take_header_and_data(self, row: Row) -> bool:
        """表四's label-less data row, alone or glued to header labels before it (no row break
        between them): the counts after the last header, with counts written in words (暂无) next
        to them, fitting the table's columns with the fewest filler blanks; a row of empty cells only
        under the table's own header words."""
        table = self.unlabelled
        if table is None or len(row.cells) < len(table.columns):
            return False
        width, cells = len(table.columns), row.cells
        if not row.has_number and (len(cells) - row.last_label - 1 < width or row.labels and
                                   any(c.kind is not BLANK for c in cells[row.last_label + 1:])):
            return False  # no counts, and not a row of empty cells after the labels: a header row
        long_labels = [i for i, c in enumerate(cells) if c.kind is LABEL and not is_word(c)]
        after = long_labels[-1] + 1 if long_labels else 0
        first = next((i for i in range(after, len(cells)) if cells[i].kind in (NUMBER, JUNK)), row.last_label + 1)
        choices = []
        for start in range(first, max(first - width, after - 1), -1):  # back over words and blanks
            if start < first and cells[start].kind is LABEL and _names_header(table, cells[start]):
                break
            data = [c._replace(kind=JUNK) if c.kind is LABEL else c for c in cells[start:]]
            fitted = fit_values(data, width)
            if fitted is not None:  # the fewest filler blanks; then fillers at the end (as fit_values)
                choices.append((sum(c.kind is BLANK for c in fitted), start - first, start, data))
        if not choices and cells[0].span.line != cells[-1].span.line:
            fitted = without_trailing_text(cells[first:], width)
            if fitted is not None:
                choices.append((0, 0, first, list(fitted)))
        if not choices:
            return self.lost_data_row(row, first)
        _, _, start, data = min(choices)
        numbers = sum(c.kind is NUMBER for c in data)
        words = sum(c.kind is LABEL for c in cells[start:])
        head = cells[:start]
        if words >= max(numbers, 1) or (not numbers and not self.names_headers(table, head)):
            return False  # more words than counts: header labels, not a row of counts
        if head:
            self.headers.append(Row(head))
        if self.take_unlabelled(row if start == 0 and data == cells else Row(data)):
            return True
        if head:
            self.headers.pop()
        return False

    def lost_data_row(self, row: Row, first: int) -> bool:
        """Counts after 表四's header words that do not fill its columns (a cell left out): the
        header is the header, the counts a row to report."""
        data = row.cells[first:]
        if not first or not any(c.kind is NUMBER for c in data) or not self.names_headers(self.unlabelled, row.cells[:first]):
            return False
        self.headers.append(Row(row.cells[:first]))
        self.current = self.unlabelled
        self.lost(Row(data))
        return True

    def names_headers(self, table: TableSpec, head: list[Cell]) -> bool:
        """Do the labels just read name at least two of the table's header words?"""
        cells = [c for r in self.headers for c in r.labels] + [c for c in head if c.kind is LABEL]
        keys = "".join(key for c in cells if len(key := label_key(c.text)) <= _HEADER_CELL)  # not prose
        return sum(any(a in keys for a in alts) for alts in table.headers) >= 2

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
        aligned.fillers += len(cells) - len(fitted)
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


_HEADER_CELL = 12  # the longest header cell key of 表四 is 8 (未经复议直接起诉)


def _names_header(table: TableSpec, cell: Cell) -> bool:
    key = label_key(cell.text)
    return any(a in key for alts in table.headers for a in alts)


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


def _take_headers(aligned: AlignedTable, headers: list[Row], only_if_empty: bool = False) -> None:
    if not headers or (only_if_empty and aligned.header_keys):
        return
    aligned.header_keys += "".join(label_key(c.text) for r in headers for c in r.cells)
    aligned.header_span = aligned.header_span or next(c.span for c in headers[0].cells if c.text)
    aligned.header_cells += [c for r in headers if len(r.cells) > 1 for c in r.cells if c.text]


