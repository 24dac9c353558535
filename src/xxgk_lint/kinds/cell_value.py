"""N001–N004: each cell of a selected set is filled / a number / non-negative / an integer."""
from __future__ import annotations

from ..model import CellKind, Finding
from ._common import cell_name, cells_in, logical, number


def _fails(check: str, cell) -> bool:
    if check == "not_blank":
        return cell.kind is CellKind.BLANK
    if check == "number":
        return cell.kind is CellKind.JUNK
    if cell.kind is not CellKind.NUMBER or cell.text.isdigit():  # the common case: a plain count
        return False
    value = number(cell)
    if value is None:
        return False
    if check == "non_negative":
        return value < 0
    if check == "integer":
        return value != int(value)
    raise ValueError(f"unknown cell check {check!r}")


def check(rule, report):
    test = rule.options["check"]
    for table, row_id, col_id, cell in cells_in(report, rule.options.get("cells", {})):
        if _fails(test, cell):
            yield Finding(cell.span, {"cell": cell_name(table, row_id, col_id), "value": cell.raw},
                          logical=logical(table, row_id, col_id))
