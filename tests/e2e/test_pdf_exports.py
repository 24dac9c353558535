"""The seeded report as a word processor exports it to PDF (LibreOffice from the .docx with the
official merges: tests/fixtures/documents/exports/, made by tools/write_pdf_exports.py) through the
whole linter: no page footer, 表三 begun at the foot of page 1 and continued over pages 2-4, two of
its rows broken over a page break, and a text layer exported without a Chinese font."""
from __future__ import annotations


import pytest

pytest.importorskip("pdfplumber")

from tests.documents import EXPORTS, docx_where, lint_export  # noqa: E402
from xxgk_lint.checks.engine import parse  # noqa: E402
from xxgk_lint.model import Place  # noqa: E402
from xxgk_lint.pipeline.readers.document import DocumentError  # noqa: E402

# where the .docx writer put each cell (table, row, grid column): the export keeps them, pages aside
DOCX_WHERE = docx_where()


lint = lint_export


def cell_place(report, cell) -> Place:
    return report.doc.lines[cell.span.line - 1].places[cell.span.column - 1]


def at(place: dict | None) -> dict | None:
    """A finding's place without the text it quotes."""
    return None if place is None else {k: v for k, v in place.items() if k != "quote"}


def docx_cell(key: str, page: int) -> dict:
    return {"page": page, **DOCX_WHERE[key]}


@pytest.fixture(scope="module")
def clean():
    path = EXPORTS / "clean.pdf"
    return parse(str(path), path.read_bytes())


def test_the_clean_export_lints_without_an_error():
    found = lint("clean.pdf")
    assert not [d for d in found if d.severity == "error"], [(d.code, d.place, d.message) for d in found]
    assert not any(d.code in ("P002", "P006", "P007", "T001", "T002") for d in found)


def test_a_row_broken_over_a_page_break_is_one_row_at_the_first_pages_place(clean):
    three = clean.tables["三"]
    assert all(table.found for table in clean.tables.values()) and not clean.doc.notes
    # `1.本机关不掌握相` ends page 2, `关政府信息` starts page 3 in a row of its own: one row, page 2's
    row = three.rows["三.四.1"]
    assert row.label.raw == "1.本机关不掌握相关政府信息"
    assert [c.raw for c in row.values] == ["0", "0", "3", "0", "0", "4", "7"]
    assert cell_place(clean, row.values[0]) == Place(**docx_cell("三|三.四.1|自然人", 2))
    label = next(line for line in clean.doc.lines if "1.本机关不掌握相关政府信息" in line.raw)
    assert {p for p in label.places} >= {Place(page=2, table=2, row=16, column=3)}
    assert not any(p.page == 3 and p.row == 16 for p in label.places if p is not None)
    assert DOCX_WHERE["三|三.四.1|自然人"]["row"] == 16
    # the continuation is not a row: the rows are numbered as in the .docx (the next, 17th, on page 3)
    assert cell_place(clean, three.rows["三.四.2"].values[0]) == Place(**docx_cell("三|三.四.2|自然人", 3))
    long = three.rows["三.六.1"]
    assert long.label.raw == "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert cell_place(clean, long.values[-1]) == Place(**docx_cell("三|三.六.1|总计", 3))
    assert cell_place(clean, three.rows["三.六.2"].values[0]) == Place(**docx_cell("三|三.六.2|自然人", 4))


def test_a_table_begun_at_a_pages_foot_goes_on_as_the_same_table(clean):
    three = clean.tables["三"]
    assert cell_place(clean, three.cell("一", "总计")) == Place(**docx_cell("三|一|总计", 1))
    assert cell_place(clean, three.rows["三.一"].values[0]) == Place(**docx_cell("三|三.一|自然人", 2))
    assert cell_place(clean, three.rows["三.七"].values[-1]) == Place(**docx_cell("三|三.七|总计", 4))
    assert cell_place(clean, clean.tables["四"].rows["数据"].values[0]) == Place(**docx_cell("四|数据|复议.维持", 4))


def test_a_changed_total_is_found_at_its_cell():
    found = lint("total.pdf")
    c001 = [d for d in found if d.code == "C001"]
    assert [at(d.place) for d in c001] == [docx_cell("三|一|总计", 1)]  # page 1, table 2, row 4, column 10
    assert "135" in c001[0].message
    c003 = [d for d in found if d.code == "C003"]
    assert len(c003) == 1
    places = [at(c003[0].place), *(at(r.get("place")) for r in c003[0].related)]
    assert docx_cell("三|一|总计", 1) in places


def test_a_blank_cell_in_the_broken_row_is_found_at_its_cell():
    found = lint("blank.pdf")
    n001 = [d for d in found if d.code == "N001"]
    assert [at(d.place) for d in n001] == [docx_cell("三|三.四.1|科研机构", 2)]  # page 2, table 2, row 16, column 6
    assert n001[0].logical == "表三/三.四.1/科研机构"
    assert not [d for d in found if d.severity == "error"]


def test_a_deleted_row_is_found_at_the_row_after_it():
    found = lint("deleted_row.pdf")
    t002 = [d for d in found if d.code == "T002"]
    assert len(t002) == 1 and "2.重复申请" in t002[0].message
    # 3.要求提供公开出版物 moved up into 2.重复申请's row (20 in the .docx's 表三 without the deleted row)
    assert at(t002[0].place) == {"page": 3, "table": 2, "row": 20, "column": 3}
    assert [d.code for d in found if d.severity == "error"] == ["T002"]


def test_a_text_layer_exported_without_a_chinese_font_is_refused():
    from xxgk_lint.pipeline.readers import pdf_reader

    data = (EXPORTS / "garbled.pdf").read_bytes()
    with pytest.raises(DocumentError, match="does not decode to real text") as info:
        pdf_reader.read(data)
    assert "export it again with the fonts embedded, or lint the .docx" in info.value.reason
    found = lint("garbled.pdf")
    assert [d.code for d in found] == ["P001"]
    assert "无法解码为真实文字" in found[0].message
