"""Helpers shared by the rule kinds: cell selectors, numbers, names of places."""
from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache

from ...pipeline.align import AlignedTable
from ...model import BLANK, JUNK, NUMBER, Cell, Span
from ...pipeline.tables import amount
from ...pipeline.report import Report
from ...pipeline.template import TableSpec


def selected(ids: list[str], patterns: list[str] | None) -> list[str]:
    """Ids matching any pattern (`*` wildcards: `三.三*` is 三.三 and its sub-rows); all if None."""
    if patterns is None:
        return list(ids)
    return list(_selected(tuple(ids), tuple(patterns)))


@lru_cache(maxsize=4096)
def _selected(ids: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in ids if any(star_match(i, p) for p in patterns))


def star_match(text: str, pattern: str) -> bool:
    """fnmatchcase for patterns whose only wildcard is `*` (selectors are written so), without
    fnmatch's regex: compiling one per distinct pattern cost more than a lint on every run."""
    if "?" in pattern or "[" in pattern:  # other wildcards: fnmatch itself
        return fnmatchcase(text, pattern)
    if "*" not in pattern:
        return text == pattern
    first, *middle, last = pattern.split("*")
    if len(text) < len(first) + len(last) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for part in middle:
        position = text.find(part, position, end)
        if position < 0:
            return False
        position += len(part)
    return True


def tables_of(report: Report, patterns: list[str] | None) -> list[AlignedTable]:
    ids = selected([t.id for t in report.template.tables], patterns)
    return [report.tables[i] for i in ids]


def odd_cells(report: Report) -> dict[str, list[tuple[AlignedTable, str, str, Cell]]]:
    """The aligned cells that are not a plain count, by what they are: `blank`, `junk` (not a
    number) and `signed` (a sign, a fraction or thousands separators). Few in any report, so the
    cell checks look at these instead of every cell; worked out once per report."""
    if "odd_cells" not in report.derived:
        odd: dict[str, list] = {"blank": [], "junk": [], "signed": []}
        for table in report.tables.values():
            ids = column_ids(table.spec)
            for row_id, match in table.rows.items():
                for col_id, cell in zip(ids, match.values or ()):
                    kind = cell.kind
                    if kind is BLANK:
                        odd["blank"].append((table, row_id, col_id, cell))
                    elif kind is JUNK:
                        odd["junk"].append((table, row_id, col_id, cell))
                    elif not cell.text.isdigit():
                        odd["signed"].append((table, row_id, col_id, cell))
        report.derived["odd_cells"] = odd
    return report.derived["odd_cells"]


def row_ids(spec: TableSpec) -> tuple[str, ...]:
    """The rows of a table that hold values (a caption over sub-rows holds none)."""
    return tuple(r.id for r in spec.value_rows)


def column_ids(spec: TableSpec) -> tuple[str, ...]:
    return tuple(c.id for c in spec.columns)


def number(cell: Cell):
    """The cell's number; a blank counts as 0 (its own N001 says so); None if not a number."""
    if cell.kind is BLANK:
        return 0
    if cell.kind is not NUMBER:
        return None
    return amount(cell.text)


def fmt(value) -> str:
    text = str(value) if isinstance(value, int) else format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def row_name(table: AlignedTable, row_id: str) -> str:
    return next(r.label for r in table.spec.rows if r.id == row_id)


def column_name(table: AlignedTable, col_id: str) -> str:
    return next(c.label for c in table.spec.columns if c.id == col_id)


def cell_name(table: AlignedTable, row_id: str, col_id: str) -> tuple[str, str]:
    """(zh, en) name of a cell, e.g. 表三「（七）总计」行「自然人」列."""
    row, col = row_name(table, row_id), column_name(table, col_id)
    title = table_title(table)
    if table.spec.rows[0].unlabelled:
        return f"{title[0]}「{col}」", f"{title[1]} '{col}'"
    if len(table.spec.columns) == 1:
        return f"{title[0]}「{row}」", f"{title[1]} row '{row}'"
    return f"{title[0]}「{row}」行「{col}」列", f"{title[1]} row '{row}', column '{col}'"


_ARABIC = {"三": "3", "四": "4"}


def table_title(table: AlignedTable) -> tuple[str, str]:
    spec = table.spec
    if spec.section == "二":
        return f"表二{spec.name}", f"table 2 ({spec.name})"
    return f"表{spec.id}", f"table {_ARABIC.get(spec.id, spec.id)}"


def logical(table: AlignedTable, row_id: str = "", col_id: str = "") -> str:
    return "/".join(p for p in (f"表{table.spec.id}", row_id, col_id) if p)


def where_table_belongs(report: Report, table: AlignedTable) -> Span:
    """Where a missing table should stand: the next table's caption, else its part's heading."""
    tables = report.template.tables
    later = tables[[t.id for t in tables].index(table.spec.id) + 1:]
    for spec in later:
        other = report.tables[spec.id]
        if other.found and other.anchor and spec.section == table.spec.section:
            return other.anchor
    section = report.sections.get(table.spec.section)
    if section:
        return section.heading.span
    return Span.at(1, 1)
