"""P005: the file does not look like an annual report at all — none of the parts, no table of the
template, no title (`checks.builtin.is_annual_report`). The engine then runs no other rule on it:
one finding says so, instead of every part, table and the title reported missing."""
from __future__ import annotations

from ...model import Finding, Span
from ..builtin import is_annual_report

PLACEHOLDERS = frozenset({"looked_for"})
_ARABIC = {"二": "2", "三": "3", "四": "4"}


def _looked_for(template) -> tuple[str, str]:
    """What was looked for, in the words of the template the file was read against."""
    first = template.sections[0]
    table = next((t for t in template.tables if t.id == "三" and t.value_rows), None) \
        or next(t for t in template.tables if t.value_rows)
    row = table.value_rows[0].label
    return (f"部分标题（如「{first.id}、{first.title}」）、模板中的表格（如表{table.id}的「{row}」行）"
            f"或报告标题（「××××年政府信息公开工作年度报告」）",
            f"part heading (such as '{first.id}、{first.title}'), no table of the template (such as table "
            f"{_ARABIC.get(table.id, table.id)}'s row '{row}') and no report title ('…年政府信息公开工作年度报告')")


def check(rule, report):
    if not is_annual_report(report):
        yield Finding(Span.at(1, 1), {"looked_for": _looked_for(report.template)}, logical="file")
