"""T002: every value row of a present table is there (rows whose label was lost are P002's).

A missing row is reported where it belongs: at the label of the row that should follow it, else
the row before it. When a table stops early (three or more rows missing at its end, as when
extraction or a copy cut it off), one finding lists them, at the last row present."""
from __future__ import annotations

from ...model import Finding
from ._common import Context, logical, row_name, table_patterns, table_title, tables_of

PLACEHOLDERS = frozenset({"table", "row", "neighbour", "count", "rows"})
TRUNCATED = 3


def prepare(options: dict, context: Context) -> list[str] | None:
    return table_patterns(options, context)


def _label_span(match):
    return (match.label or match.row.cells[0]).span


def check(rule, report):
    for table in tables_of(report, rule.prepared):
        if not table.found:
            continue
        order = [r.id for r in table.spec.value_rows]
        missing = [r for r in order if r not in table.rows and r not in table.presumed_rows]
        last_present = max((order.index(r) for r in table.rows), default=-1)
        tail = [r for r in missing if order.index(r) > last_present]
        if len(tail) >= TRUNCATED and last_present >= 0:
            before = table.rows[order[last_present]]
            names = "、".join(f"「{row_name(table, r)}」" for r in tail)
            yield Finding(_label_span(before), {"table": table_title(table), "count": len(tail), "rows": names,
                                                "neighbour": before.spec.label},
                          logical=logical(table, "截断"), variant="truncated")
            missing = [r for r in missing if r not in tail]
        for row_id in missing:
            yield from _missing_row(table, order, row_id)


def _missing_row(table, order: list[str], row_id: str):
    i = order.index(row_id)
    after = next((table.rows[r] for r in order[i + 1:] if r in table.rows), None)
    before = next((table.rows[r] for r in reversed(order[:i]) if r in table.rows), None)
    if after is not None:
        span, variant, neighbour = _label_span(after), "before", after.spec
    elif before is not None:
        span, variant, neighbour = _label_span(before), "after", before.spec
    else:
        span, variant, neighbour = table.anchor, "", None
    if span is None:
        return
    yield Finding(
        span,
        {"table": table_title(table), "row": row_name(table, row_id), "neighbour": neighbour.label if neighbour else ""},
        logical=logical(table, row_id), variant=variant,
    )
