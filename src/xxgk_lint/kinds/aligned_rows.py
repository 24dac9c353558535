"""P002: a table row that cannot be aligned to the template (label lost or unknown, wrong cell count)."""
from __future__ import annotations

from ..model import Finding
from ._common import logical, table_title, tables_of


def check(rule, report):
    for table in tables_of(report, rule.options.get("tables")):
        for index, lost in enumerate(table.unaligned, 1):
            first = next((c for c in lost.row.cells if c.text), lost.row.cells[0])
            label = lost.row.labels[-1].text if lost.row.labels else ""
            params = {
                "table": table_title(table), "label": label, "count": lost.count,
                "expected": len(table.spec.columns), "first_line": lost.first_line,
                "presumed": _presumed_note(lost),
            }
            yield Finding(first.span, params, logical=logical(table, f"未对应行{index}"), variant=lost.reason)


def _presumed_note(lost) -> tuple[str, str]:
    if not lost.presumed:
        return "", ""
    zh = "、".join(f"「{p}」" for p in lost.presumed)
    en = ", ".join(lost.presumed)
    if lost.checked:
        return f"（按位置应为{zh}，已按此核对其数值）", f" (by position: {en}; its numbers were checked as that row)"
    return f"（按位置应为{zh}，未核对其数值）", f" (by position: {en}; its numbers were not checked)"
