"""T001: every table of the template is present."""
from __future__ import annotations

from ...model import Finding
from ._common import (
    Context,
    logical,
    table_patterns,
    table_title,
    tables_of,
    where_table_belongs,
)

PLACEHOLDERS = frozenset({"table"})


def prepare(options: dict, context: Context) -> list[str] | None:
    return table_patterns(options, context)


def check(rule, report):
    for table in tables_of(report, rule.prepared):
        if table.found or table.spec.section not in report.sections:
            continue  # a missing part is S001's finding; its table is not reported twice
        yield Finding(
            where_table_belongs(report, table), {"table": table_title(table)}, logical=logical(table),
        )
