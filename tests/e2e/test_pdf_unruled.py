"""Tables drawn without ruling lines (python-docx's default table style exported to PDF by
LibreOffice: tests/fixtures/documents/exports/unruled*.pdf, made by tools/write_pdf_exports.py)
are read as tables: a label wrapped over several lines in a narrow column is one cell, and the
cells are at their page, table, row and column as in the .docx."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from xxgk_lint.checks.engine import lint_bytes, parse  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "exports"


def lint(name: str):
    path = EXPORTS / name
    return lint_bytes(str(path), path.read_bytes(), load_rules([]))


def where(finding) -> dict:
    return {k: v for k, v in finding.place.items() if k != "quote"}


def test_the_clean_unruled_export_lints_without_a_finding():
    assert [(d.code, d.place, d.message) for d in lint("unruled.pdf")] == []


def test_its_tables_are_read_as_rows_of_cells():
    path = EXPORTS / "unruled.pdf"
    report = parse(str(path), path.read_bytes())
    assert all(table.found for table in report.tables.values())
    texts = [line.text for line in report.doc.lines]
    assert "一、本年新收政府信息公开申请数量\t\t10\t2\t0\t0\t0\t0\t12" in texts
    assert "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0" in texts
    assert any("数据的勾稽关系为" in t and "第一项加第二项之和" in t for t in texts)  # one cell
    assert not any(t in ("年新收", "项", "勾稽关") for t in texts)


def test_a_changed_total_is_found_at_its_cell():
    found = [d for d in lint("unruled_total.pdf") if d.code == "C001"]
    assert len(found) == 1
    assert where(found[0]) == {"page": 2, "table": 2, "row": 4, "column": 9}


def test_a_blank_cell_is_found_at_its_cell():
    found = lint("unruled_blank.pdf")
    assert [d.code for d in found if d.severity == "error"] == []
    blank = [d for d in found if d.code == "N001"]
    assert len(blank) == 1
    assert where(blank[0]) == {"page": 3, "table": 2, "row": 16, "column": 4}
