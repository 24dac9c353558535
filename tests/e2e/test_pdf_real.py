"""A real published PDF report (淮安市洪泽区 2024, 5 pages, prose drawn inside one-column ruled
frames, ruled tables continued over page breaks, page footers `- N -`) through the whole linter."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from xxgk_lint.checks.engine import lint_bytes, parse  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402
from xxgk_lint.model import Place  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HONGZE = ROOT / "examples" / "hongze-2024.pdf"  # where it came from: tests/fixtures/realdata/pdf/SOURCES.md


@pytest.fixture(scope="module")
def report():
    return parse(str(HONGZE), HONGZE.read_bytes())


def place_of(report, cell) -> Place:
    return report.doc.lines[cell.span.line - 1].places[cell.span.column - 1]


def test_hongze_lints_without_a_finding_of_the_reader():
    found = lint_bytes(str(HONGZE), HONGZE.read_bytes(), load_rules([]))
    codes = sorted(d.code for d in found)
    # What the document itself says, read right:
    # - P006 (warning): its 表三 label `2.其他法律行政止公开` is garbled in the PDF itself;
    # - C005 (warning): its text says 区政府办 accepted 17 applications, its 表三 counts 95 for the district;
    # - T005 (warning): its 表三 keeps the 2019 form's single `（六）其他处理` row (no 1./2./3. sub-rows)
    #   in otherwise 2021 tables.
    assert codes == ["C005", "P006", "T005"], [(d.code, d.line, d.message) for d in found]
    assert not [d for d in found if d.severity == "error"]  # the proof: a real published report, no error
    assert not any(d.code.startswith(("P00", "N", "C00")) and d.severity == "error" for d in found)
    assert not any(d.code in ("P001", "P002", "P007", "T001", "T002", "T004", "S001") for d in found)


def test_hongze_tables_are_found_with_every_value(report):
    assert report.metadata.year == 2024
    assert all(table.found for table in report.tables.values())
    three = report.tables["三"]
    assert [c.raw for c in three.rows["一"].values] == ["95", "0", "0", "0", "0", "0", "95"]
    assert [c.raw for c in three.rows["三.七"].values] == ["95", "0", "0", "0", "0", "0", "95"]
    assert [c.raw for c in report.tables["四"].rows["数据"].values] == \
        ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]
    assert [c.raw for c in report.tables["二.五"].rows["行政许可"].values] == ["9487"]
    assert not report.doc.notes


def test_hongze_cells_are_at_their_page_table_row_and_column(report):
    three = report.tables["三"]
    # 一、本年新收's 总计: page 3, the document's second data table, its 4th row (3 header rows), column 10
    assert place_of(report, three.cell("一", "总计")) == Place(page=3, table=2, row=4, column=10)
    # （七）总计 is on page 4: the table continued there, rows counting on
    total = place_of(report, three.rows["三.七"].values[0])
    assert (total.page, total.table, total.column) == (4, 2, 4) and total.row > 16
    # 行政处罚 on page 3 continues the 主动公开 table begun on page 2: its rows as drawn, the
    # captions (第二十条第（一）项 … （六）项) counted, rows 1-7 on page 2
    penalty = place_of(report, report.tables["二.六"].rows["行政处罚"].values[0])
    assert penalty == Place(page=3, table=1, row=10, column=2)
    regulation = place_of(report, report.tables["二.一"].rows["规章"].values[0])
    assert regulation == Place(page=2, table=1, row=3, column=2)
    review = place_of(report, report.tables["四"].rows["数据"].values[-1])
    assert review == Place(page=4, table=3, row=4, column=15)


def test_hongze_text_is_joined_paragraphs_without_footers(report):
    texts = [line.raw for line in report.doc.lines]
    assert not any(text.strip(" -—") .isdigit() for text in texts)  # no `- 3 -`
    opening = next(line for line in report.doc.lines if line.raw.startswith("本报告由"))
    assert opening.raw.endswith("电话：0517-87290606）。")  # six printed lines, one paragraph
    assert opening.places[0] == Place(page=1, page_line=3)
    assert opening.places[-2] == Place(page=1, page_line=8)
    # a paragraph continued over the page break from page 4 to page 5
    plan = next(line for line in report.doc.lines if line.raw.startswith("针对存在问题"))
    assert plan.raw.endswith("业务工作水平。") and {p.page for p in plan.places} == {4, 5}
    assert "三、本年度办理结果\t（一）予以公开\t50\t0\t0\t0\t0\t0\t50" in texts  # the vertical label
    assert "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t" in texts
    # drawn inside the frame with 表二: the part heading is text, the caption below it the table's first row
    heading = next(line for line in report.doc.lines if line.raw == "二、主动公开政府信息情况")
    assert heading.places[0] == Place(page=2, page_line=15)
    caption = next(line for line in report.doc.lines if line.raw == "第二十条第（一）项")
    assert caption.places[0] == Place(page=2, table=1, row=1, column=1)


def test_hongze_reads_within_a_second():
    from xxgk_lint.pipeline.readers import pdf_reader

    data = HONGZE.read_bytes()
    pdf_reader.read(data)
    start = time.perf_counter()
    pdf_reader.read(data)
    assert time.perf_counter() - start < 1.0
