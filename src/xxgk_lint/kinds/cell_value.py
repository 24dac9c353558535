"""N001–N004: each cell of a selected set is filled / a number / non-negative / an integer."""
from __future__ import annotations

from ..model import CellKind, Finding
from ._common import cell_name, cells_in, logical, number


def _fails(check: str, cell) -> bool:
    if check == "not_blank":
        return cell.kind is CellKind.BLANK
    if check == "number":
        return cell.kind is CellKind.JUNK
    value = number(cell) if cell.kind is CellKind.NUMBER else None
    if value is None:
        return False
    if check == "non_negative":
        return value < 0
    if check == "integer":
        return value != value.to_integral_value()
    raise ValueError(f"unknown cell check {check!r}")


def check(rule, report):
    test = rule.options["check"]
    for table, row_id, col_id, cell in cells_in(report, rule.options.get("cells", {})):
        if _fails(test, cell):
            yield Finding(cell.span, {"cell": cell_name(table, row_id, col_id), "value": cell.raw},
                          logical=logical(table, row_id, col_id))
