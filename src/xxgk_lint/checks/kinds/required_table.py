"""T001: every table of the template is present."""
from __future__ import annotations

from ...model import Finding
from ._common import logical, table_title, tables_of, where_table_belongs


def check(rule, report):
    for table in tables_of(report, rule.options.get("tables")):
        if table.found or table.spec.section not in report.sections:
            continue  # a missing part is S001's finding; its table is not reported twice
        yield Finding(
            where_table_belongs(report, table), {"table": table_title(table)}, logical=logical(table),
        )
