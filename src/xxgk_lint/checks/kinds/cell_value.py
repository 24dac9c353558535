"""N001–N005: each cell of a selected set is filled / a number / non-negative / an integer / in
plain figures (N005's safe fix writes it so: the value is certain, only its writing changes).

A blank cell, or one that is not a number, leaves the relations through it (C001–C004) unverified:
they are not evaluated, and this cell's finding names them (`{unverified}`)."""
from __future__ import annotations

from ...model import Edit, Finding
from ._common import (
    Context,
    PerTable,
    cell_name,
    check_ids,
    check_tables,
    column_ids,
    logical,
    matches,
    number,
    odd_cells,
    row_ids,
    selected,
    star_match,
    tables,
)
from .sum_equals import loaded, unverified

PLACEHOLDERS = frozenset({"cell", "value", "unverified", "plain"})


def _always(cell) -> bool:
    return True


def _negative(cell) -> bool:
    return number(cell) < 0


def _fraction(cell) -> bool:
    return number(cell) != int(number(cell))


# check → (which of the report's odd cells can fail it, whether one does). A plain count passes
# every check, so only the few cells that are not one are looked at. (Named functions, not lambdas:
# rules are pickled to worker processes.)
_CHECKS = {
    "not_blank": ("blank", _always),
    "number": ("junk", _always),
    "non_negative": ("signed", _negative),
    "integer": ("signed", _fraction),
    "plain_figures": ("written", _always),
}


class CellCheck:
    """The check a rule makes and the cells it makes it on: `cells(spec)`, the (row, column) pairs
    the selector names in a table."""

    __slots__ = ("which", "fails", "cells", "relations")

    def __init__(self, which: str, fails, cells: PerTable, relations: tuple = ()) -> None:
        self.which = which
        self.fails = fails
        self.cells = cells
        self.relations = relations  # in a spawned worker: the sum rules its notes name, kept alive

    def __reduce__(self):
        # A worker started without fork receives only the selected rules: the sum rules loaded here
        # go along, so that a blank cell's note names the same relations (`--select N001 --jobs 4`).
        return CellCheck, (self.which, self.fails, self.cells, tuple(loaded()) if self.which in _NOTED else ())


_NOTED = ("blank", "junk")  # the cells that leave the relations through them unverified
_NO_NOTE = ("", "")


def prepare(options: dict, context: Context) -> CellCheck:
    selector = options.get("cells") or {}
    if not context.trusted:
        _check_selector(selector, ["cells"], context)
    which, fails = _CHECKS[options["check"]]
    return CellCheck(which, fails, PerTable(_named_cells, selector))


def _check_selector(selector: dict, where: list, context: Context, within: list[str] | None = None) -> None:
    """A selector {tables, rows, columns, except}: every pattern names something."""
    check_tables(selector.get("tables", []), where + ["tables"], context)
    selected_tables = tables(context, selector.get("tables", within))
    if "tables" in selector and within is not None:  # an exception within the selected tables
        inner = [(tid, t) for tid, t in selected_tables if any(matches([t.id], p) for p in within)]
        selected_tables = inner or selected_tables
    for axis, key in (("row", "rows"), ("column", "columns")):
        check_ids(selector.get(key, []), axis, selected_tables, where + [key])
    for j, excluded in enumerate(selector.get("except", [])):
        _check_selector(excluded, where + ["except", j], context, selector.get("tables"))


def _named_cells(spec, selector: dict) -> frozenset[tuple[str, str]]:
    """The (row, column) pairs a selector names in a table (none if it does not select the table)."""
    patterns = selector.get("tables")
    if patterns is not None and not any(star_match(spec.id, p) for p in patterns):
        return frozenset()
    cols = selected(column_ids(spec), selector.get("columns"))
    named = {(r, c) for r in selected(row_ids(spec), selector.get("rows")) for c in cols}
    return frozenset(named - _excluded(spec, selector.get("except", [])))


def _excluded(spec, excluded: list[dict]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for sel in excluded:
        if selected([spec.id], sel.get("tables")):
            rows = selected(row_ids(spec), sel.get("rows"))
            cols = selected(column_ids(spec), sel.get("columns"))
            out.update((r, c) for r in rows for c in cols)
    return out


def check(rule, report):
    prepared = rule.prepared
    fails = prepared.fails
    notes = None
    for table, row_id, col_id, cell in odd_cells(report)[prepared.which]:
        if (row_id, col_id) in prepared.cells(table.spec) and fails(cell):
            if notes is None:
                notes = unverified(report) if prepared.which in _NOTED else {}
            note = notes.get((table.spec.id, row_id, col_id), _NO_NOTE)
            plain = plain_figures(cell) if prepared.which == "written" else ""
            params = {"cell": cell_name(table, row_id, col_id), "value": cell.raw, "unverified": note, "plain": plain}
            yield Finding(cell.span, params, logical=logical(table, row_id, col_id),
                          fix=[Edit(cell.span, plain)] if plain else None)


def plain_figures(cell) -> str:
    """A number cell as the template writes it: half-width digits (its normalised text), no
    thousands separators. The value is the one the pipeline read, so the mend is certain."""
    return cell.text.replace(",", "")
