"""N001–N004: each cell of a selected set is filled / a number / non-negative / an integer."""
from __future__ import annotations

from ..model import CellKind, Finding
from ._common import cell_name, cells_in, logical, number


def _signed_or_fraction(cell) -> bool:
    return cell.kind is CellKind.NUMBER and not cell.text.isdigit()  # a plain count passes both


_FAILS = {
    "not_blank": lambda cell: cell.kind is CellKind.BLANK,
    "number": lambda cell: cell.kind is CellKind.JUNK,
    "non_negative": lambda cell: _signed_or_fraction(cell) and number(cell) < 0,
    "integer": lambda cell: _signed_or_fraction(cell) and number(cell) != int(number(cell)),
}


def check(rule, report):
    test = rule.options["check"]
    if test not in _FAILS:
        raise ValueError(f"unknown cell check {test!r}")
    fails = _FAILS[test]
    for table, row_id, col_id, cell in cells_in(report, rule.options.get("cells", {})):
        if fails(cell):
            yield Finding(cell.span, {"cell": cell_name(table, row_id, col_id), "value": cell.raw},
                          logical=logical(table, row_id, col_id))
