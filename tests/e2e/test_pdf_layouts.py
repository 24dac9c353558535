"""PDF layouts a word processor makes of a report that the plain exports (test_pdf_exports.py) do
not show, through the whole linter: a table header repeated on every page the table runs over
(tests/fixtures/documents/exports/repeat*.pdf, made by tools/write_pdf_exports.py), running page
headers on some pages only, a footnote below a table that goes on over a page break, text set
sideways, a scan with a page-number text layer (layout_*.pdf: reportlab, STSong-Light, the bench
model `layouts.make_model(random.Random(3))` with 表三 （七）总计's 总计 one more, 318 → 319, at
table 2, row 27, column 10 as in its .docx):

| file | layout |
|---|---|
| layout_header_two_pages.pdf | two pages, a running header `云溪县人民政府门户网站` on both; 表三 from the foot of page 1 on |
| layout_header_not_first.pdf | three pages, the running header on pages 2 and 3 only (首页不同) |
| layout_footnote.pdf | a footnote `① 本表数据由…汇总。` (8 pt, the body 12 pt) at the foot of page 1, below 表三's first rows |
| layout_sideways.pdf | 表三 drawn turned 90° on a portrait page (no /Rotate) |
| layout_scan_numbered.pdf | four scanned pages (images), each with a text layer holding only its page number `- n -` |
"""
from __future__ import annotations


import pytest

pytest.importorskip("pdfplumber")

from tests.documents import EXPORTS, docx_where, lint_export  # noqa: E402
from xxgk_lint.checks.engine import parse  # noqa: E402
from xxgk_lint.pipeline.readers import pdf_reader  # noqa: E402
from xxgk_lint.pipeline.readers.document import DocumentError  # noqa: E402

DOCX_WHERE = docx_where()


lint_file = lint_export


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


# a table going on over a page break past a running header or a footnote ---------------------------
TOTAL = {"page": 2, "table": 2, "row": 27, "column": 10}  # 表三 （七）总计's 总计, on page 2


@pytest.mark.parametrize("name", ["layout_header_two_pages.pdf", "layout_header_not_first.pdf", "layout_footnote.pdf"])
def test_a_table_goes_on_past_a_running_header_on_some_pages_or_a_footnote(name):
    found = lint_file(name)
    assert {d.code for d in found if d.severity == "error"} == {"C001", "C002", "C003"}, \
        [(d.code, d.place, d.message) for d in found]
    assert [at(d.place) for d in found if d.code == "C001"] == [TOTAL]
    assert not [d for d in found if d.code in ("P002", "P006", "P007")]
    lines = [text for text, _ in pdf_reader.read((EXPORTS / name).read_bytes()).lines]
    assert not any("云溪县人民政府门户网站" == text for text in lines)  # the running header, dropped


def test_a_footnote_below_a_continued_table_is_given_out_after_the_table():
    extracted = pdf_reader.read((EXPORTS / "layout_footnote.pdf").read_bytes())
    note = next(i for i, (text, _) in enumerate(extracted.lines) if text == "① 本表数据由县政务服务管理办公室汇总。")
    rows = [i for i, (_, places) in enumerate(extracted.lines) if places and places[0].table == 2]
    assert note == rows[-1] + 1  # after the table's last row, not between its rows
    assert extracted.lines[note][1][0].page == 1  # at its own place


# a table set sideways on a portrait page ------------------------------------------------------------
def test_a_table_set_sideways_is_not_read_backwards_but_noted():
    found = lint_file("layout_sideways.pdf")
    assert not [d for d in found if d.code in ("P002", "P006")], [(d.code, d.place, d.message) for d in found]
    p007 = [d for d in found if d.code == "P007"]
    assert len(p007) == 1 and "第 2 页有横向（旋转）排版的文字，未读取" in p007[0].message
    # 表三 stood on that page: in a document read in part nothing is reported missing (no T001)
    assert [d.code for d in found if d.severity == "error"] == [], [(d.code, d.message) for d in found]
    notes = pdf_reader.read((EXPORTS / "layout_sideways.pdf").read_bytes()).notes
    assert [en for en, _ in notes] == ["page(s) 2 have text set sideways (rotated); it was not read — rotate those "
                                       "pages in the PDF (/Rotate) and lint again"]


# a scan whose text layer holds only the page numbers -------------------------------------------------
def test_a_scan_with_page_numbers_alone_is_refused_as_having_no_text_layer():
    found = lint_file("layout_scan_numbered.pdf")
    assert [d.code for d in found] == ["P001"]
    assert "没有文字层" in found[0].message
    with pytest.raises(DocumentError, match="no text layer"):
        pdf_reader.read((EXPORTS / "layout_scan_numbered.pdf").read_bytes())
