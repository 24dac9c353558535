"""T002: every value row of a present table is there (rows whose label was lost are P002's)."""
from __future__ import annotations

from ..model import Finding
from ._common import logical, row_name, table_title, tables_of


def check(rule, report):
    for table in tables_of(report, rule.options.get("tables")):
        if not table.found:
            continue
        order = [r.id for r in table.spec.value_rows]
        for i, row_id in enumerate(order):
            if row_id in table.rows or row_id in table.presumed_rows:
                continue
            after = next((table.rows[r] for r in order[i + 1:] if r in table.rows), None)
            before = next((table.rows[r] for r in reversed(order[:i]) if r in table.rows), None)
            if after is not None:
                span, variant, neighbour = (after.label or after.row.cells[0]).span, "before", after.spec
            elif before is not None:
                span, variant, neighbour = (before.label or before.row.cells[0]).span, "after", before.spec
            else:
                span, variant, neighbour = table.anchor, "", None
            if span is None:
                continue
            yield Finding(
                span,
                {"table": table_title(table), "row": row_name(table, row_id),
                 "neighbour": neighbour.label if neighbour else ""},
                logical=logical(table, row_id), variant=variant,
            )
