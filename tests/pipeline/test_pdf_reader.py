"""The PDF reader on PDFs drawn here with reportlab (its CID font STSong-Light, platypus tables
with GRID and SPAN): tables read as tables, paragraphs joined, footers dropped, unreadable files
refused, partial reads noted, and the page and time budgets kept."""
from __future__ import annotations

import io
import time

import pytest

pytest.importorskip("pdfplumber")
reportlab = pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from xxgk_lint.model import Place  # noqa: E402
from xxgk_lint.pipeline.readers import pdf_reader  # noqa: E402
from xxgk_lint.pipeline.readers.document import DocumentError  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
PROSE = "本机关全面推进政务公开工作，不断提升政府信息公开质量。"


def _footer(pdf, doc) -> None:
    pdf.setFont(FONT, 10)
    pdf.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")


def build(story, **options) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, **options).build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buf.getvalue()


def grid_table(rows, spans=(), widths=None) -> Table:
    table = Table(rows, colWidths=widths)
    style = [("FONT", (0, 0), (-1, -1), FONT, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    table.setStyle(TableStyle(style + [("SPAN", a, b) for a, b in spans]))
    return table


def application_table(value_rows: int = 3) -> Table:
    """The official form's 申请 table, in short: merged headers, wrapped header cells, a vertical label."""
    rows = [["（本列数据的勾稽关系）", "", "申请人情况", "", "", ""],
            ["", "", "自然人", "法人或其他组织", "", "总计"],
            ["", "", "", "商业\n企业", "科研\n机构", ""],
            ["一、本年新收政府信息公开申请数量", "", "7", "2", "1", "10"]]
    rows += [["三\n、\n本\n年\n度\n办\n理\n结\n果", f"（{i}）处理", "1", "0", "0", "1"] for i in range(1, value_rows + 1)]
    spans = [((0, 0), (1, 2)), ((2, 0), (4, 0)), ((2, 1), (2, 2)), ((3, 1), (4, 1)), ((5, 1), (5, 2)),
             ((0, 3), (1, 3)), ((0, 4), (0, 3 + value_rows)), ((5, 0), (5, 0))]
    return grid_table(rows, spans, widths=[60, 150, 60, 60, 60, 50])


def read(data: bytes):
    return pdf_reader.read(data)


def texts(extracted) -> list[str]:
    return [text for text, _ in extracted.lines]


# tables ---------------------------------------------------------------------
def test_merged_headers_are_read_once_and_wrapped_cells_joined():
    out = read(build([Paragraph("三、收到和处理政府信息公开申请情况", BODY), application_table()]))
    lines = texts(out)
    assert lines[0] == "三、收到和处理政府信息公开申请情况"
    assert lines[1] == "（本列数据的勾稽关系）\t申请人情况\t"
    assert lines[2] == "\t自然人\t法人或其他组织\t总计"
    assert lines[3] == "\t\t商业企业\t科研机构\t"  # `商业\n企业`: one label, no separator
    assert lines[4] == "一、本年新收政府信息公开申请数量\t7\t2\t1\t10"
    assert sum(line.count("申请人情况") for line in lines) == 1


def test_a_vertical_label_reads_as_one_label():
    lines = texts(read(build([application_table()])))
    assert "三、本年度办理结果\t（1）处理\t1\t0\t0\t1" in lines
    assert "\t（2）处理\t1\t0\t0\t1" in lines


def test_cells_are_at_their_page_table_row_and_column():
    out = read(build([Paragraph(PROSE, BODY), application_table()]))
    text, places = next(line for line in out.lines if line[0].startswith("一、本年新收"))
    assert places[0] == Place(page=1, table=1, row=4, column=1)
    assert places[text.index("10")] == Place(page=1, table=1, row=4, column=6)
    header, header_places = next(line for line in out.lines if "商业企业" in line[0])
    assert header_places[header.index("科研")] == Place(page=1, table=1, row=3, column=5)


def test_a_table_continued_on_the_next_page_is_one_table_with_rows_counting_on():
    rows = [["信息内容", "本年制发件数", "现行有效件数"]] + [[f"第{i}类文件", str(i), str(2 * i)] for i in range(1, 61)]
    out = read(build([Paragraph("二、主动公开政府信息情况", BODY), grid_table(rows, widths=[200, 100, 100])]))
    cells = [(text, places) for text, places in out.lines if "第" in text and "类文件" in text]
    assert len(cells) == 60
    assert {places[0].table for _, places in cells} == {1}
    assert [places[0].row for _, places in cells] == list(range(2, 62))
    pages = [places[0].page for _, places in cells]
    assert pages[0] == 1 and pages[-1] == 2 and pages == sorted(pages)
    assert all("- 1 -" not in text and text.strip() not in ("- 1 -", "- 2 -") for text in texts(out))


def test_a_second_table_on_the_next_page_with_other_columns_is_a_new_table():
    first = grid_table([["信息内容", "本年制发件数"], ["规章", "1"]], widths=[200, 100])
    second = grid_table([["行政复议", "行政诉讼", "总计"], ["1", "2", "3"]], widths=[100, 100, 100])
    out = read(build([first, PageBreak(), second]))
    numbers = {places[0].table for text, places in out.lines if "\t" in text}
    assert numbers == {1, 2}


def test_a_one_column_frame_of_prose_is_text_not_a_table():
    frame = grid_table([[Paragraph(PROSE * 3, BODY)], [Paragraph("（一）主动公开情况。" + PROSE, BODY)]], widths=[420])
    out = read(build([frame]))
    assert all(place.table is None for _, places in out.lines for place in places)
    assert texts(out)[0] == PROSE * 3
    assert texts(out)[1].startswith("（一）主动公开情况。")


def test_a_caption_row_across_the_table_is_its_first_row_and_a_part_heading_stays_text():
    """As a person counts the drawn rows: 第二十条第（一）项 drawn inside the grid is row 1 (and the
    captions between blocks are rows too); the part heading drawn in the same frame is text."""
    rows = [["二、主动公开政府信息情况", "", ""], ["第二十条第（一）项", "", ""],
            ["信息内容", "本年制发件数", "现行有效件数"], ["规章", "1", "2"],
            ["第二十条第（五）项", "", ""], ["信息内容", "本年处理决定数量", ""], ["行政许可", "3", ""]]
    spans = [((0, r), (2, r)) for r in (0, 1, 4)] + [((1, 5), (2, 5)), ((1, 6), (2, 6))]
    out = read(build([Paragraph(PROSE, BODY), grid_table(rows, spans, widths=[200, 100, 100])]))
    at = {text.split("\t")[0]: places[0] for text, places in out.lines}
    assert at["二、主动公开政府信息情况"].table is None and at["二、主动公开政府信息情况"].page_line
    assert at["第二十条第（一）项"] == Place(page=1, table=1, row=1, column=1)
    assert at["规章"] == Place(page=1, table=1, row=3, column=1)
    assert at["第二十条第（五）项"] == Place(page=1, table=1, row=4, column=1)
    assert at["行政许可"] == Place(page=1, table=1, row=6, column=1)


def test_a_sentence_above_a_table_in_its_frame_is_text():
    rows = [["本机关全年主动公开政府信息。", "", ""], ["信息内容", "本年制发件数", "现行有效件数"], ["规章", "1", "2"]]
    out = read(build([grid_table(rows, [((0, 0), (2, 0))], widths=[200, 100, 100])]))
    at = {text.split("\t")[0]: places[0] for text, places in out.lines}
    assert at["本机关全年主动公开政府信息。"].table is None
    assert at["信息内容"] == Place(page=1, table=1, row=1, column=1)


def test_a_continuation_showing_columns_the_first_page_merged_is_the_same_table():
    """表三's three label columns are merged in every row above the page break: the continuation's
    finer grid is the table's, and the first page's cells are numbered in it."""
    head = [["申请情况", "", "", "自然人", "法人", "其他", "总计"]] + \
        [[f"第{i}项合计", "", "", "1", "2", "3", "6"] for i in range(1, 30)]
    tail = [["三、结果", "（一）予以公开", "", "1", "0", "0", "1"],
            ["", "（三）不予公开", "1.属于国家秘密", "0", "1", "0", "1"]]
    widths = [60, 80, 100, 50, 50, 50, 50]
    first = grid_table(head, [((0, r), (2, r)) for r in range(len(head))], widths)
    second = grid_table(tail, [((1, 0), (2, 0)), ((0, 0), (0, 1))], widths)
    out = read(build([first, PageBreak(), second]))
    at = {text.split("\t")[0]: places for text, places in out.lines}
    assert at["申请情况"][0] == Place(page=1, table=1, row=1, column=1)
    assert at["申请情况"][len("申请情况\t")] == Place(page=1, table=1, row=1, column=4)  # 自然人
    assert at["三、结果"][0] == Place(page=2, table=1, row=31, column=1)
    text, places = next(line for line in out.lines if "1.属于国家秘密" in line[0])
    assert places[text.index("1.属于")] == Place(page=2, table=1, row=32, column=3)


def _broken_row(last: str, first: str) -> list[tuple[str, list[Place]]]:
    """A table whose last row on page 1 has the label `last` (its lines filling the 60-point column,
    48 points inside the padding, or not) and whose continuation on page 2 starts with `first`."""
    widths = [60, 50]
    head = [["信息内容", "件数"], ["行政许可", "3"], [last, "7"]]
    tail = [[first, ""], ["3.其他", "9"]]
    return read(build([grid_table(head, widths=widths), PageBreak(), grid_table(tail, widths=widths)])).lines


def test_a_row_broken_over_a_page_break_is_one_row_at_the_first_pages_place():
    lines = _broken_row("1.本机关\n掌握相关", "政府信息")  # `掌握相关`: 40 of 48 points, a fifth would not fit
    assert [text for text, _ in lines] == ["信息内容\t件数", "行政许可\t3", "1.本机关掌握相关政府信息\t7", "3.其他\t9"]
    text, places = lines[2]
    assert set(places[:text.index("\t")]) == {Place(page=1, table=1, row=3, column=1)}
    assert lines[3][1][0] == Place(page=2, table=1, row=4, column=1)


def test_a_new_row_after_a_page_break_is_not_joined_to_the_last_one():
    # the last line leaves room (`掌握`: 20 of 48 points): the text ended there
    assert [text for text, _ in _broken_row("1.本机关\n掌握", "政府信息")][2:4] == ["1.本机关掌握\t7", "政府信息\t"]
    # a row starting as a new row does (an ordinal, a count), whatever the line above
    assert [text for text, _ in _broken_row("1.本机关\n掌握相关", "2.没有现")][2:4] == ["1.本机关掌握相关\t7", "2.没有现\t"]


# text -----------------------------------------------------------------------
def test_a_wrapped_paragraph_is_one_line_with_each_character_on_its_own_line():
    out = read(build([Paragraph("一、总体情况", BODY), Paragraph(PROSE * 4, BODY), Paragraph(PROSE, BODY)]))
    lines = texts(out)
    assert lines == ["一、总体情况", PROSE * 4, PROSE]
    _, places = out.lines[1]
    assert places[0] == Place(page=1, page_line=2)
    assert places[-2].page_line > 2  # the paragraph's last character is on a later printed line
    assert len(places) == len(lines[1]) + 1
    assert out.lines[2][1][0] == Place(page=1, page_line=max(p.page_line for p in places) + 1)


def test_a_centred_title_wrapped_over_two_lines_is_one_line():
    from reportlab.lib.enums import TA_CENTER

    title = ParagraphStyle("title", parent=BODY, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0)
    name = "长宁市人力资源和社会保障局2025年政府信息公开工作年度报告"
    out = read(build([Paragraph(name, title), Paragraph(PROSE * 3, BODY), Paragraph("二、主动公开", title)]))
    assert texts(out)[0] == name
    assert out.lines[0][1][0] == Place(page=1, page_line=1) and out.lines[0][1][-2] == Place(page=1, page_line=2)
    assert texts(out)[-1] == "二、主动公开"


def test_page_footers_are_dropped():
    out = read(build([Paragraph(PROSE, BODY), PageBreak(), Paragraph(PROSE, BODY), PageBreak(), Paragraph(PROSE, BODY)]))
    assert texts(out) == [PROSE, PROSE, PROSE]


def test_a_paragraph_continues_over_a_page_break():
    long = "".join(f"第{i}句话说明公开工作的情况。" for i in range(1, 400))
    out = read(build([Paragraph(long, BODY)]))
    assert texts(out) == [long]
    assert len({place.page for place in out.lines[0][1]}) > 1


def _rewrite_chars(monkeypatch, rewrite) -> None:
    """Pages whose characters read as pdfminer gives them from a broken font: `rewrite(page, chars)`
    changes them, once a page (the PDFs here are made with a good one)."""
    real = pdf_reader.Page

    class Rewritten(real):
        @property
        def chars(self):
            chars = super().chars
            if not getattr(self, "rewritten", False):
                self.rewritten = True
                rewrite(self, chars)
            return chars

    monkeypatch.setattr(pdf_reader, "Page", Rewritten)


def test_kangxi_radicals_are_folded_one_for_one(monkeypatch):
    # STSong-Light maps `⾏` to the glyph of `行`, which reads back as `行`; real PDFs' ToUnicode maps
    # often give the radical U+2F8F: the characters are made so here, as pdfminer would give them
    def radicals(page, chars):
        for ch in chars:
            ch["text"] = ch["text"].replace("行", "\u2f8f").replace("人", "\u2f08")

    _rewrite_chars(monkeypatch, radicals)
    out = read(build([Paragraph("行政许可，人民网站", BODY), grid_table([["行政处罚", "3"], ["行政强制", "4"]])]))
    lines = texts(out)
    assert lines[0] == "行政许可，人民网站"
    assert "行政处罚\t3" in lines and "行政强制\t4" in lines
    assert not any("\u2f00" <= ch <= "\u2fdf" for line in lines for ch in line)
    assert all(len(text) + 1 == len(places) for text, places in out.lines)


def test_columns_far_apart_are_tab_separated():
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 700, "行政许可")
    pdf.drawString(300, 700, "9487")
    pdf.drawString(72, 670, "2024 年")
    pdf.save()
    assert texts(read(buf.getvalue())) == ["行政许可\t9487", "2024 年"]


# unreadable and partial -----------------------------------------------------
def test_an_encrypted_pdf_is_refused():
    data = build([Paragraph(PROSE, BODY)], encrypt="pw")
    with pytest.raises(DocumentError, match="encrypted"):
        read(data)


def test_a_truncated_pdf_is_refused_or_noted():
    data = build([Paragraph(PROSE, BODY), PageBreak(), Paragraph(PROSE, BODY)])
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        try:
            out = read(data[:cut])
        except DocumentError as exc:
            assert "damaged" in exc.reason or "no text layer" in exc.reason
        else:  # pdfminer recovered what it could: whatever it read is real text
            assert all(line == PROSE for line in texts(out))


def test_a_file_that_is_not_a_pdf_is_refused():
    with pytest.raises(DocumentError, match="not a PDF"):
        read(b"<html><body>report</body></html>")
    with pytest.raises(DocumentError, match="damaged"):
        read(b"%PDF-1.7\n" + b"\x00garbage" * 100)


def test_a_scan_without_a_text_layer_is_refused():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 72, 500, 200, 100)
    pdf.showPage()
    pdf.save()
    with pytest.raises(DocumentError, match="no text layer") as info:
        read(buf.getvalue())
    assert "OCR" in info.value.reason and "OCR" in info.value.reason_zh


def test_a_scanned_page_among_text_pages_is_noted():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in range(3):
        if page == 1:
            pdf.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 72, 500, 200, 100)
        else:
            pdf.setFont(FONT, 12)
            pdf.drawString(72, 700, PROSE)
        pdf.showPage()
    pdf.save()
    out = read(buf.getvalue())
    assert texts(out) == [PROSE, PROSE]  # not joined over the missing page
    assert any("page(s) 2 have no text layer" in en for en, _ in out.notes)
    assert any("第 2 页没有文字层" in zh for _, zh in out.notes)


def numbered_pages(count: int) -> bytes:
    """`count` pages, each one line saying which page it is."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for i in range(1, count + 1):
        pdf.setFont(FONT, 12)
        pdf.drawString(72, 700, f"第{i}页的内容")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_pages_past_the_limit_are_noted_and_the_time_is_bounded(monkeypatch):
    data = numbered_pages(40)
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 25)
    start = time.monotonic()
    out = read(data)
    assert time.monotonic() - start < 10
    assert texts(out) == [f"第{i}页的内容" for i in range(1, 26)]
    assert any("more than 25 pages" in en for en, _ in out.notes)
    assert any("25" in zh for _, zh in out.notes)


def test_the_page_limit_is_what_the_docstring_says():
    assert pdf_reader.MAX_PAGES == 300 and "MAX_PAGES" in pdf_reader.__doc__


def test_a_five_page_report_reads_within_a_second():
    story = []
    for page in range(5):
        story += [Paragraph(PROSE * 6, BODY), application_table(8), PageBreak()]
    data = build(story)
    read(data)  # warm: fonts and CMaps load once per process
    start = time.perf_counter()
    out = read(data)
    assert time.perf_counter() - start < 1.0
    assert len({places[0].table for _, places in out.lines if places[0].table}) == 5


def test_pdfminer_warnings_do_not_reach_stderr(capfd):
    data = build([Paragraph(PROSE, BODY)])
    try:
        read(data[: len(data) - 30])  # a cut trailer: pdfminer warns and recovers
    except DocumentError:
        pass
    assert capfd.readouterr().err == ""


def _ruled_grid(k: int) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for i in range(k + 1):
        pdf.line(20, 20 + 800 * i / k, 570, 20 + 800 * i / k)
        pdf.line(20 + 550 * i / k, 20, 20 + 550 * i / k, 820)
    pdf.setFont(FONT, 12)
    pdf.drawString(100, 100, PROSE)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_a_page_of_too_many_ruling_lines_is_read_as_text_in_bounded_time():
    data = _ruled_grid(110)  # finding its tables: ~3 s; 160 lines each way: ~13 s
    start = time.monotonic()
    out = read(data)
    assert time.monotonic() - start < 1.5
    assert texts(out) == [PROSE]
    assert any("too many lines and boxes" in en for en, _ in out.notes)


def test_a_small_ruled_grid_is_still_looked_at():
    out = read(_ruled_grid(20))
    assert not out.notes


def test_reading_stops_past_the_time_budget(monkeypatch):
    data = numbered_pages(3)
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0.0)
    out = read(data)
    assert texts(out) == ["第1页的内容"]
    assert any("more than 0 s" in en and "first 1 pages" in en for en, _ in out.notes)


def test_a_page_holding_more_characters_than_a_report_is_noted(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_CHARS", 10)
    data = build([Paragraph("短", BODY), PageBreak(), Paragraph(PROSE, BODY)])
    out = read(data)
    assert texts(out) == ["短"]
    assert any("page(s) 2 could not be read (more than 10 characters)" in en for en, _ in out.notes)


def test_characters_without_a_unicode_map_are_noted(monkeypatch):
    def garbled(page, chars):  # as pdfminer gives glyphs of a font without a ToUnicode map
        for ch in sorted(chars, key=lambda ch: ch["x0"])[:3]:
            ch["text"] = "(cid:42)"

    _rewrite_chars(monkeypatch, garbled)
    out = read(build([Paragraph(PROSE, BODY)]))
    assert texts(out)[0].startswith("\ufffd\ufffd\ufffd")
    assert any("3 character(s) on page(s) 1" in en for en, _ in out.notes)


def _one_glyph(monkeypatch, pages: set[int]) -> None:
    """Chinese characters on `pages` in a font whose Unicode map gives them all `江` (an exporter
    without a Chinese font)."""
    def one_glyph(page, chars):
        if page.page_number in pages:
            for ch in chars:
                if "\u4e00" <= ch["text"] <= "\u9fff":
                    ch["text"], ch["fontname"] = "江", "AAAAAA+DejaVuSans"

    _rewrite_chars(monkeypatch, one_glyph)


def test_a_text_layer_of_one_character_repeated_is_refused(monkeypatch):
    _one_glyph(monkeypatch, {1, 2})
    with pytest.raises(DocumentError, match="does not decode to real text") as info:
        read(build([Paragraph(PROSE * 4, BODY), PageBreak(), Paragraph(PROSE * 4, BODY)]))
    assert "export it again with the fonts embedded, or lint the .docx" in info.value.reason
    assert "无法解码为真实文字" in info.value.reason_zh


def test_a_page_of_one_character_repeated_is_a_note_naming_it(monkeypatch):
    _one_glyph(monkeypatch, {2})
    out = read(build([Paragraph(PROSE * 4, BODY), PageBreak(), Paragraph(PROSE * 4, BODY),
                      PageBreak(), Paragraph(PROSE * 4, BODY)]))
    assert [en for en, _ in out.notes] == \
        ["the PDF's text layer does not decode to real text (fonts without a correct Unicode map) on page(s) 2: "
         "the text there is wrong"]
    assert out.notes[0][1].startswith("第 2 页的文字层无法解码为真实文字")


def test_a_pdf_whose_every_character_lacks_a_unicode_map_is_refused(monkeypatch):
    def garbled(page, chars):
        for ch in chars:
            if not ch["text"].startswith("(cid:") and ch["text"] != "\ufffd":
                ch["text"] = "(cid:7)"

    _rewrite_chars(monkeypatch, garbled)
    with pytest.raises(DocumentError, match="no Unicode map"):
        read(build([Paragraph(PROSE, BODY)]))


def _sideways_pages(pages: list[str], label: str | None = None) -> bytes:
    """Pages of lines, each page "up" (upright), "side" (turned a quarter, as a table set sideways
    on a portrait page without /Rotate) or "slant" (a diagonal watermark over upright text)."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for kind in pages:
        pdf.setFont(FONT, 12)
        if kind == "side":
            pdf.saveState()
            pdf.translate(300, 100)
            pdf.rotate(90)
            for k in range(5):
                pdf.drawString(0, -20 * k, PROSE)
            pdf.restoreState()
        else:
            pdf.drawString(72, 700, PROSE)
        if kind == "slant":
            pdf.saveState()
            pdf.translate(150, 300)
            pdf.rotate(45)
            pdf.drawString(0, 0, "内部资料注意保密" * 3)
            pdf.restoreState()
        if label:
            pdf.drawString(72, 600, label)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_text_set_sideways_is_not_read_and_noted():
    out = read(_sideways_pages(["up", "side", "up"]))
    assert texts(out) == [PROSE, PROSE]  # the sideways lines are not read backwards into the text
    assert any("page(s) 2 have text set sideways (rotated); it was not read" in en and "/Rotate" in en
               for en, _ in out.notes)
    assert any("第 2 页有横向（旋转）排版的文字，未读取" in zh for _, zh in out.notes)
    assert not any("no text layer" in en for en, _ in out.notes)


def test_a_diagonal_watermark_is_not_read_and_not_noted():
    out = read(_sideways_pages(["slant"]))
    assert texts(out) == [PROSE] and not out.notes


def test_a_pdf_whose_text_is_all_sideways_is_refused():
    with pytest.raises(DocumentError, match="sideways") as info:
        read(_sideways_pages(["side", "side"]))
    assert "/Rotate" in info.value.reason and "旋转" in info.value.reason_zh


def _scanned(pages: list[str]) -> bytes:
    """Pages "scan" (an image and its page number `- n -`), "text" (a paragraph and its page number)
    or "blank" (its page number alone)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for n, kind in enumerate(pages, 1):
        if kind == "scan":
            pdf.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 72, 500, 200, 100)
        elif kind == "text":
            pdf.setFont(FONT, 12)
            pdf.drawString(72, 700, PROSE)
        pdf.setFont("Helvetica", 10)
        pdf.drawCentredString(A4[0] / 2, 28, f"- {n} -")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_a_scan_whose_text_layer_holds_only_page_numbers_is_refused():
    with pytest.raises(DocumentError, match="no text layer"):
        read(_scanned(["scan", "scan", "scan"]))


def test_a_scanned_page_holding_only_its_page_number_among_text_pages_is_noted():
    out = read(_scanned(["text", "scan", "text", "blank"]))
    assert texts(out) == [PROSE, PROSE]
    assert [en for en, _ in out.notes] == ["page(s) 2 have no text layer (scanned?); they were not read"]


def test_pages_of_page_numbers_alone_without_a_scan_are_read_not_refused():
    out = read(_scanned(["blank", "blank"]))
    assert texts(out) == [] and not out.notes
