"""A report's tables as data: one record per value cell, in long form (the report, the table, row
and column by template id and label, the value as written and as a number, and where it stands).

What `xxgk-lint extract` writes and `xxgk_lint.extract()` returns: exactly the cells the checks read
(the aligned tables), as plain dicts a spreadsheet or a DataFrame takes as they are.
"""
from __future__ import annotations

import re

from ..model import NUMBER
from .report import Report

# A title: the agency, its year, and the report's name (政府信息公开工作年度报告, 政务公开…, 年报),
# in either order (「2024年上海市科学技术委员会政府信息公开工作年度报告」), the year perhaps after the
# name's first words (「…政府信息公开工作2023年度报告」), 关于 perhaps before it.
# (patterns as text: `re` compiles them when first used, so a run whose results are cached never does)
_YEAR = r"[（(]?(?:19|20)\d\d年?度?[）)]?"
_NAME = r"(?:关于)?(?:(?:政府信息公开|政务公开|信息公开)(?:工作)?)?(?:年度)?(?:工作)?(?:报告|年报)?$"
_WRAP = "《》#*"
FIELDS = ("path", "agency", "year", "template", "table", "table_name", "row", "row_label", "column", "column_label",
          "value", "number", "line", "col", "page", "page_line", "paragraph", "doc_table", "doc_row", "doc_column")


def agency(title: str) -> str:
    """淮安市洪泽区人民政府2024年政府信息公开工作年度报告 → 淮安市洪泽区人民政府 ("" if the title has none)."""
    text = "".join(title.split()).strip(_WRAP)
    text = text.removeprefix("正文")  # a page's heading run into the title by a text extraction
    if not re.search(r"(?:年度报告|年报|工作报告)[》]?$", text):
        return ""
    year = re.search(_YEAR, text)
    if year is None:  # a title without its year still names the agency (统计期限 may give the year)
        return re.sub(_NAME, "", text).strip(_WRAP)
    before, after = text[:year.start()], text[year.end():]
    name = re.sub(_NAME, "", before) if before else re.sub(_NAME, "", after.rstrip("》"))
    return name.strip(_WRAP)


def number(cell) -> int | float | None:
    """The count or amount a cell states; None when it is blank or not a number."""
    if cell.kind is not NUMBER:
        return None
    text = cell.text.replace(",", "")
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return None


def figures(report: Report) -> list[dict]:
    """Every value cell of every table the report was aligned to, in template order."""
    head = {"path": report.doc.path, "agency": agency(report.metadata.title_text), "year": report.metadata.year}
    out = []
    for table_id, table in report.tables.items():
        if not table.found:
            continue
        for row in table.spec.rows:
            match = table.rows.get(row.id)
            if match is None or match.values is None:
                continue
            for column, cell in zip(table.spec.columns, match.values):
                place = report.doc.where(cell.span.line, cell.span.column, cell.span.end_column) or {}
                out.append({
                    **head, "template": table.template, "table": table_id, "table_name": table.spec.name,
                    "row": row.id, "row_label": row.label, "column": column.id, "column_label": column.label,
                    "value": cell.raw, "number": number(cell), "line": cell.span.line, "col": cell.span.column,
                    "page": place.get("page"), "page_line": place.get("page_line"),
                    "paragraph": place.get("paragraph"), "doc_table": place.get("table"),
                    "doc_row": place.get("row"), "doc_column": place.get("column"),
                })
    return out
