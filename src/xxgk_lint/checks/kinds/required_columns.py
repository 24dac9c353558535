"""T004: a present table's header names every column of the template."""
from __future__ import annotations

from ...model import Finding
from ...pipeline.labels import header_gaps
from ._common import Context, logical, table_patterns, table_title, tables_of

PLACEHOLDERS = frozenset({"table", "columns", "count"})


def prepare(options: dict, context: Context) -> list[str] | None:
    return table_patterns(options, context)


def _missing(table) -> tuple[str, ...]:
    """The template's header words the table's header lacks (one written in two pieces is there,
    misread: P006 says so)."""
    return header_gaps(table.spec, table.header_keys)[0]


def check(rule, report):
    for table in tables_of(report, rule.prepared):
        if not table.found or not table.rows:
            continue
        missing = _missing(table)
        span = table.header_span or table.anchor
        if missing and span is not None:
            yield Finding(
                span, {"table": table_title(table), "columns": "、".join(missing), "count": len(missing)},
                logical=logical(table, "表头"),
            )
