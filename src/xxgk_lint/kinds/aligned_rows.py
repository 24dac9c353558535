"""P002: a table row that cannot be aligned to the template (label lost or unknown, wrong cell count)."""
from __future__ import annotations

from ..model import Finding
from ._common import logical, table_title, tables_of


def check(rule, report):
    for table in tables_of(report, rule.options.get("tables")):
        for lost in table.unaligned:
            first = next((c for c in lost.row.cells if c.text), lost.row.cells[0])
            label = lost.row.labels[-1].text if lost.row.labels else ""
            presumed = "、".join(f"「{p}」" for p in lost.presumed)
            params = {
                "table": table_title(table), "label": label, "count": lost.count,
                "expected": len(table.spec.columns), "first_line": lost.first_line,
                "presumed": (f"（按位置应为{presumed}，未核对其数值）" if presumed else "",
                             f" (by position: {', '.join(lost.presumed)}; its numbers were not checked)"
                             if presumed else ""),
            }
            yield Finding(first.span, params, logical=logical(table, f"L{lost.row.line}"), variant=lost.reason)
