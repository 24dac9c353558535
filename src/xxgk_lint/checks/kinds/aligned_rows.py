"""P002: a table row that cannot be aligned to the template (label lost or unknown, wrong cell count)."""
from __future__ import annotations

from ...model import Finding
from ._common import Context, logical, table_patterns, table_title, tables_of

PLACEHOLDERS = frozenset({"table", "label", "count", "expected", "first_line", "presumed", "dropped"})

# Fewer cells than columns: the row may be whole in the report, its empty cells lost on the way to text.
_DROPPED = ("（若原表该行有空白单元格，可能在复制或提取文本时丢失；请在原文中核对）",
            " (if the row has blank cells in the original, copying or extracting the text may have dropped them; check the original)")


def prepare(options: dict, context: Context) -> list[str] | None:
    return table_patterns(options, context)


def check(rule, report):
    for table in tables_of(report, rule.prepared):
        for index, lost in enumerate(table.unaligned, 1):
            first = next((c for c in lost.row.cells if c.text), lost.row.cells[0])
            if lost.reason == "cell-count" and lost.row.labels:
                first = lost.row.labels[-1]  # the row's own label, not a group caption before it
            label = lost.row.labels[-1].raw if lost.row.labels else ""  # as written (Traditional stays)
            params = {
                "table": table_title(table), "label": label, "count": lost.count,
                "expected": len(table.spec.columns), "first_line": lost.first_line,
                "presumed": _presumed_note(lost),
                "dropped": _DROPPED if lost.reason == "cell-count" and lost.count < len(table.spec.columns) else ("", ""),
            }
            yield Finding(first.span, params, logical=logical(table, _where(lost, index)), variant=lost.reason)


def _presumed_note(lost) -> tuple[str, str]:
    if not lost.presumed:
        return "", ""
    zh = "、".join(f"「{p}」" for p in lost.presumed)
    en = ", ".join(lost.presumed)
    if lost.checked:
        return f"（按位置应为{zh}，已按此核对其数值）", f" (by position: {en}; its numbers were checked as that row)"
    return f"（按位置应为{zh}，未核对其数值）", f" (by position: {en}; its numbers were not checked)"


def _where(lost, index: int) -> str:
    """A logical location that survives lines moving: the presumed row, else the row's label."""
    if lost.presumed:
        return f"未对应/{lost.presumed[0]}"
    if lost.row.labels:
        return f"未对应/{lost.row.labels[-1].text}"
    return f"未对应/{index}"
