"""Align logical rows to the template's tables: which row, which column, which cell.

Nothing is assigned by position alone. A row whose label is lost is reported (P002) at its
line; when a run of such rows fills exactly the gap of missing template rows between two
labelled rows, the presumed labels are recorded for the message, never used silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Cell, CellKind, Document, Row, Section, Span
from .normalize import label_key
from .tables import fit_values, logical_rows
from .template import RowSpec, TableSpec, Template, label_forms


@dataclass
class RowMatch:
    spec: RowSpec
    row: Row
    label: Cell | None
    values: list[Cell] | None  # None: the row's cells could not be fitted to the columns


@dataclass
class Unaligned:
    row: Row
    reason: str  # no-label | unknown-label | caption-values | cell-count | duplicate
    count: int = 0  # value cells found (cell-count)
    presumed: list[str] = field(default_factory=list)  # template row labels it presumably stands for
    first_line: int = 0  # duplicate: where the row first appeared


@dataclass
class AlignedTable:
    spec: TableSpec
    found: bool = False
    caption: Span | None = None
    rows: dict[str, RowMatch] = field(default_factory=dict)
    unaligned: list[Unaligned] = field(default_factory=list)
    header_keys: str = ""
    header_span: Span | None = None
    presumed_rows: set[str] = field(default_factory=set)

    def cell(self, row_id: str, column_id: str) -> Cell | None:
        match = self.rows.get(row_id)
        if match is None or match.values is None:
            return None
        return match.values[self.spec.column_index(column_id)]

    @property
    def anchor(self) -> Span | None:
        first = min((m.row.cells[0].span for m in self.rows.values()), key=lambda s: s.line, default=None)
        return self.caption or self.header_span or first


def _match_row(row: Row, specs: list[tuple[TableSpec, RowSpec]]) -> tuple[TableSpec, RowSpec, Cell] | None:
    """The template row a row's labels name: the last label wins; value rows before captions."""
    groups = [spec for _, spec in specs if spec.group]
    ordered = sorted(specs, key=lambda ts: ts[1].group)
    for label in reversed(row.labels):
        forms = label_forms(label.text, groups)
        for table, spec in ordered:
            if not spec.unlabelled and spec.matches(forms):
                return table, spec, label
    return None


def _caption_of(row: Row, tables: list[TableSpec]) -> tuple[TableSpec, Cell] | None:
    for cell in row.labels:
        key = label_key(cell.text)
        for table in tables:
            if table.caption and table.caption in key:
                return table, cell
    return None


def _regions(template: Template, sections: dict[str, Section], n_lines: int) -> dict[str, tuple[int, int]]:
    """Line range searched for each part's tables; a part whose heading is lost is searched in
    the part before it, where its text now sits."""
    regions = {}
    order = [s.id for s in template.sections]
    for sid in {t.section for t in template.tables}:
        idx = order.index(sid)
        host = next((sections[o] for o in reversed(order[:idx + 1]) if o in sections), None)
        regions[sid] = (host.start_line, host.end_line) if host else (1, n_lines)
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
    candidates = [(t, r) for t in specs for r in t.rows]
    unlabelled = next((t for t in specs if any(r.unlabelled for r in t.rows)), None)
    current: TableSpec | None = None  # the table the text is in now
    pending_headers: list[Row] = []
    for row in rows:
        caption = _caption_of(row, specs)
        if caption:
            current, cell = caption
            aligned = out[current.id]
            aligned.found = True
            aligned.caption = aligned.caption or cell.span
            pending_headers = []
            continue
        hit = _match_row(row, candidates)
        values = row.values_after_labels()
        if hit and not any(c.kind is not CellKind.BLANK for c in values) and not hit[1].group:
            if not values or row.labels[-1] is not hit[2]:
                hit = None  # a header row naming row labels (a stray header inside a table)
        if hit is None:
            if row.labels and not row.has_number:
                pending_headers.append(row)
            elif _take_unlabelled(row, current, unlabelled, out):
                _take_headers(out[unlabelled.id], pending_headers)
                pending_headers = []
            else:
                _unaligned(row, current, specs, out, unlabelled)
            continue
        table, spec, label = hit
        current = table
        aligned = out[table.id]
        aligned.found = True
        _take_headers(aligned, pending_headers)
        pending_headers = []
        if spec.group:
            if any(c.kind is CellKind.NUMBER for c in values):
                aligned.unaligned.append(Unaligned(row, "caption-values"))
            continue
        if spec.id in aligned.rows:
            aligned.unaligned.append(Unaligned(row, "duplicate", first_line=aligned.rows[spec.id].row.line))
            continue
        fitted = fit_values(values, len(table.columns))
        aligned.rows[spec.id] = RowMatch(spec, row, label, fitted)
        if fitted is None:
            aligned.unaligned.append(Unaligned(row, "cell-count", count=len(values)))
    if unlabelled is not None:
        _take_headers(out[unlabelled.id], pending_headers, only_if_empty=True)


def _take_headers(aligned: AlignedTable, headers: list[Row], only_if_empty: bool = False) -> None:
    if not headers or (only_if_empty and aligned.header_keys):
        return
    aligned.header_keys += "".join(label_key(c.text) for r in headers for c in r.labels)
    aligned.header_span = aligned.header_span or headers[0].labels[0].span


def _take_unlabelled(row: Row, current: TableSpec | None, unlabelled: TableSpec | None,
                     out: dict[str, AlignedTable]) -> bool:
    """The data row of 表四: label-less, exactly as many values as the table has columns."""
    if unlabelled is None or row.labels or (current is not None and current is not unlabelled
                                             and current.section != unlabelled.section):
        return False
    aligned = out[unlabelled.id]
    spec = next(r for r in unlabelled.rows if r.unlabelled)
    fitted = fit_values(row.cells, len(unlabelled.columns))
    if spec.id in aligned.rows or fitted is None:
        return False
    aligned.found = True
    aligned.rows[spec.id] = RowMatch(spec, row, None, fitted)
    return True


def _unaligned(row: Row, current: TableSpec | None, specs: list[TableSpec], out: dict[str, AlignedTable],
               unlabelled: TableSpec | None) -> None:
    """A row with numbers but no recognised label: its label was lost or is not the template's."""
    table = current or next((t for t in specs if t.section != getattr(unlabelled, "section", None)), specs[0])
    if unlabelled is not None and table is not unlabelled and not row.labels and len(row.cells) > len(table.columns) + 1:
        table = unlabelled
    reason = "unknown-label" if row.labels else "no-label"
    out[table.id].found = True
    out[table.id].unaligned.append(Unaligned(row, reason))


def _presume(aligned: AlignedTable) -> None:
    """For each run of label-less rows between two labelled rows, the template rows missing there."""
    spec = aligned.spec
    order = [r.id for r in spec.value_rows]
    lost = [u for u in aligned.unaligned if u.reason in ("no-label", "caption-values", "unknown-label")]
    if not lost:
        return
    matched = sorted(((m.row.line, m.spec.id) for m in aligned.rows.values()))
    for run in _runs(lost, matched):
        before = max((rid for line, rid in matched if line < run[0].row.line), key=order.index, default=None)
        after = min((rid for line, rid in matched if line > run[-1].row.line), key=order.index, default=None)
        lo = order.index(before) + 1 if before else 0
        hi = order.index(after) if after else len(order)
        gap = [rid for rid in order[lo:hi] if rid not in aligned.rows]
        aligned.presumed_rows.update(gap)
        if len(gap) == len(run):
            labels = {r.id: r.label for r in spec.rows}
            for unaligned, rid in zip(run, gap):
                unaligned.presumed = [labels[rid]]


def _runs(lost: list[Unaligned], matched: list[tuple[int, str]]) -> list[list[Unaligned]]:
    """Split the lost rows into runs not interrupted by a labelled row."""
    runs: list[list[Unaligned]] = []
    lines = [line for line, _ in matched]
    for u in sorted(lost, key=lambda u: u.row.line):
        if runs and not any(runs[-1][-1].row.line < line < u.row.line for line in lines):
            runs[-1].append(u)
        else:
            runs.append([u])
    return runs
