"""PDF layouts a word processor makes of a report that the plain exports (test_pdf_exports.py) do
not show, through the whole linter: a table header repeated on every page the table runs over
(tests/fixtures/documents/exports/repeat*.pdf, made by tools/write_pdf_exports.py), running page
headers on some pages only, a footnote below a table that goes on over a page break, text set
sideways, a scan with a page-number text layer (made here with reportlab)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from xxgk_lint.checks.engine import lint_bytes, parse  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
EXPORTS = DOCS / "exports"
DOCX_WHERE = json.loads((DOCS / "clean.docx.where.json").read_text(encoding="utf-8"))


def lint_file(name: str):
    path = EXPORTS / name
    return lint_bytes(str(path), path.read_bytes(), load_rules([]))


def at(place: dict | None) -> dict | None:
    return None if place is None else {k: v for k, v in place.items() if k != "quote"}


# a table header repeated on its continuation pages (标题行重复) ------------------------------------
def test_a_repeated_table_header_is_not_read_as_rows():
    found = lint_file("repeat.pdf")
    assert not [d for d in found if d.severity == "error" or d.code in ("P002", "P006", "P007")], \
        [(d.code, d.place, d.message) for d in found]
    path = EXPORTS / "repeat.pdf"
    report = parse(str(path), path.read_bytes())
    three = report.tables["三"]
    # the rows the header's repetition split over a page break are whole
    assert three.rows["三.三.8"].label.raw == "8.属于行政查询事项"
    assert three.rows["三.五.5"].label.raw == "5.要求行政机关确认或重新出具已获取信息"
    # the header is given out once
    assert sum("申请人情况" in line.raw for line in report.doc.lines) == 1


def test_a_fault_under_a_repeated_header_is_at_the_docx_row():
    found = lint_file("repeat_total.pdf")
    c001 = [d for d in found if d.code == "C001"]
    where = DOCX_WHERE["三|三.七|总计"]
    assert (where["row"], where["column"]) == (27, 10)
    assert [at(d.place) for d in c001] == [{"page": 4, **where}]
    assert not [d for d in found if d.code in ("P002", "P006")]
