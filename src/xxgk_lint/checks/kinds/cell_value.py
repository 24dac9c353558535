"""N001–N004: each cell of a selected set is filled / a number / non-negative / an integer."""
from __future__ import annotations

from ...model import Finding
from ._common import cell_name, logical, number, odd_cells, selects


_ALL_CELLS: dict = {}  # one object: selector plans are cached by the selector's identity

# check → (which of the report's odd cells can fail it, whether one does). A plain count passes
# every check, so only the few cells that are not one are looked at.
_CHECKS = {
    "not_blank": ("blank", lambda cell: True),
    "number": ("junk", lambda cell: True),
    "non_negative": ("signed", lambda cell: number(cell) < 0),
    "integer": ("signed", lambda cell: number(cell) != int(number(cell))),
}


def check(rule, report):
    test = rule.options["check"]
    if test not in _CHECKS:
        raise ValueError(f"unknown cell check {test!r}")
    which, fails = _CHECKS[test]
    selector = rule.options.get("cells") or _ALL_CELLS
    for table, row_id, col_id, cell in odd_cells(report)[which]:
        if selects(report, selector, table, row_id, col_id) and fails(cell):
            yield Finding(cell.span, {"cell": cell_name(table, row_id, col_id), "value": cell.raw},
                          logical=logical(table, row_id, col_id))
