""".pdf → lines with places, page by page, with pdfplumber (pdfminer.six underneath).

What is read: the text layer, page by page in reading order. Text outside tables is given as
lines (`pdf_text`): page headers, footers and page numbers dropped (a line repeated at the same
place in the top or bottom band of two pages or more is one), a paragraph wrapped over
lines (and over a page break) joined into one line, words far apart kept apart (a tab where the
gap is a column's, which the text-layout parsers read as an unruled table's row). Ruled tables
(`pdf_tables`) are read as tables, one tab-separated line per row, merged cells once
(`grid.grid_lines`); a cell's wrapped lines are joined (`商业\n企业` → `商业企业`, a vertical label
`三\n、\n本…` → `三、本…`). Kangxi radicals (`⾏`) are folded to the ideographs they look like.

Places: a text line's characters are at `Place(page, page_line)`, page_line being the 1-based
index of the printed line among all the lines on the page, top to bottom (table rows, headers and
footers counted), so a person counting lines finds it; a joined paragraph keeps each character's
own line. A table cell is at `Place(page, table, row, column)`:
- table: the data tables in the document, counted in order (1-based). A data table is a run of
  rows of two cells or more in a ruled table, with the single-cell rows that are its captions
  (short, no sentence punctuation, not a heading of the report's outline) just above its first
  data row or between data rows (`第二十条第（一）项`): a person counts them as its rows. A ruled
  row one cell spans from edge to edge that is prose or a heading (whole pages of a report drawn
  inside a one-column frame, `二、主动公开政府信息情况` drawn over 表二) is read as text. So the
  official form's 主动公开 table (sub-tables under `第二十条…` captions) is one table, its 申请 table
  the next, its 复议诉讼 table the third.
- A table continued on the next page (only a footer or footnotes below it, only a header above
  the continuation; footnotes: smaller than the body text, in the bottom band, given out after the
  table), the same frame and columns: the continuation may merge columns, or split a few
  the first page showed only merged) is the same table: its rows keep counting, its columns are
  numbered in the grid of all its parts, and empty rows the break left at the continuation's top
  are dropped, and so are the rows at its top that repeat the table's first rows (a header
  repeated on every page, 标题行重复: `pdf_tables.repeated_header`). A row the break split (a word processor lets a tall row run over: `1.本机关不掌握相`
  at the foot of one page, `关政府信息` alone at the top of the next) is one row: its cells' texts
  joined, at the first page's place (`pdf_tables.join_split_row`).
- row: 1-based within the table; column: 1-based grid column (a merged cell: its first).

Unreadable (DocumentError): not a PDF, encrypted (needs a password), damaged beyond reading, or no
text layer on any page (a scan: no guessing, OCR it first; page numbers or running headers alone on
scanned pages, images, are no text layer). Read in part (notes, P007): more than MAX_PAGES pages
(the first are read), reading past MAX_SECONDS, a page pdfminer failed on, a page with no text
layer (or an image and page furniture only) among pages with text, characters whose font has no
Unicode map (read as U+FFFD), text set sideways (turned a quarter, most of a page: not read, it
would read backwards; all of it: refused; askew, a watermark: dropped), pages using a font whose
Chinese characters decode to one or a few characters (`pdf_text.Fonts`: `江江江江2024江江`: an export
without a Chinese font, a broken Unicode map; refused when such fonts hold most of the document's
Chinese characters), a page with more than MAX_OBJECTS drawn lines and boxes or a grid of more than
MAX_CROSSINGS crossings (finding its tables could take minutes: its text is read as text).

Budgets (tests/pipeline/test_pdf_reader.py): at most MAX_PAGES pages and MAX_SECONDS between
pages; each page's caches are dropped once read (memory stays that of one page plus the text);
a five-page report reads in ~0.3 s (bench/pdf_speed.py); importing pdfplumber costs ~0.1 s.
pdfminer's log messages are silenced: what matters becomes a note.
"""
from __future__ import annotations

import io
import logging
import time
from collections import Counter

import pdfplumber  # ~100 ms: this module is imported only for PDFs (documents.read_document)
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from ...model import Place
from . import pdf_unruled as unruled
from .document import DocumentError, Extracted, LineBuilder, same
from .grid import MAX_SLOTS, grid_lines
from .pdf_tables import Columns, RawTable, Segment, crossings, join_split_row, repeated_header, segment_grid
from .pdf_text import (GARBLED, Fonts, Measure, TextLine, fold_radicals, footnote, joins, mark_furniture, separator,
                       sideways, text_line)

MAX_PAGES = 300  # a report is 5-30 pages; past this the first MAX_PAGES are read
MAX_SECONDS = 15.0  # no new page is started past this (one page is bounded by MAX_OBJECTS)
MAX_OBJECTS = 4000  # lines, boxes and curves on a page: past this its tables are not looked for
# ruling lines' distinct rows × columns on a page: find_tables grows ~ with its cells squared (a
# 70×70 grid: 0.5 s, 130×130: 6 s); 表三 of the official form is ~30 × 16
MAX_CROSSINGS = 6000
MAX_CHARS = 50_000  # characters on one page (a dense page holds ~3,000): past this the page is not read

logging.getLogger("pdfminer").setLevel(logging.CRITICAL + 1)  # its warnings are not the user's
# characters turned a quarter on a page, at least, and a quarter of its characters: not read, a note asks to
# rotate the page (fewer: a label, a page number, read as they come)
SIDEWAYS_MIN = 20
_SIDEWAYS = ("rotate {} pages in the PDF (/Rotate)", "请在 PDF 中旋转{}（/Rotate）")
_NO_TEXT = ("the PDF has no text layer (a scan); OCR it first, or lint the original document",
            "PDF 没有文字层（扫描件），请先进行文字识别（OCR），或检查原始文件")
_HOW = ("Export it again as PDF from the original document, or lint the .docx or HTML.",
        "请从原文件重新导出 PDF，或检查 .docx、HTML 版本。")


def read(data: bytes) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("the file is not a PDF (no %PDF- header). " + _HOW[0],
                            "文件不是 PDF（没有 %PDF- 文件头）。" + _HOW[1])
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise DocumentError("the PDF is encrypted (it needs a password to open). Save it without a password.",
                                "PDF 文件已加密（需要密码才能打开），请取消密码后另存。") from None
        raise DocumentError(f"the PDF is damaged and cannot be read ({type(cause).__name__}: {cause}). {_HOW[0]}",
                            f"PDF 文件已损坏，无法读取（{type(cause).__name__}：{cause}）。{_HOW[1]}") from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise DocumentError(f"the PDF is damaged and cannot be read ({type(exc).__name__}). {_HOW[0]}",
                            f"PDF 文件已损坏，无法读取（{type(exc).__name__}）。{_HOW[1]}") from None
    with pdf:
        reader = _Reader()
        reader.read_pages(pdf)
        return reader.finish()


class _TooMuch(Exception):
    """A page holding more than a page of a report can."""


class _Page:
    __slots__ = ("number", "width", "height", "lines", "tables", "segments", "words", "scanned")

    def __init__(self, number: int, width: float, height: float) -> None:
        self.number = number
        self.width = width
        self.height = height
        self.lines: list[TextLine] = []
        self.tables: list[RawTable] = []
        self.segments: list[Segment] = []  # its data tables (parts of), their grid lines made at the end
        self.words: list = []  # its printed lines of chunks, for unruled tables (`pdf_unruled`)
        self.scanned = False  # it shows an image (a scan, if its text is only a page number)


class _Reader:
    def __init__(self) -> None:
        self.pages: list[_Page] = []
        self.notes: list[tuple[str, str]] = []
        self.failed: list[tuple[int, str]] = []  # pages pdfminer raised on
        self.empty: list[int] = []  # pages with no text layer
        self.unmapped: dict[int, int] = {}  # page → characters without a Unicode map
        self.crowded: list[int] = []  # pages whose tables were not looked for
        self.sideways: list[int] = []  # pages with text set sideways (not read)
        self.chars = 0  # characters on the pages read
        self.fonts = Fonts()  # the Chinese characters of each font
        self.readable = 0  # … of them with a Unicode map
        self.measure = Measure([], 595)  # the body text's edges and font size (set once all is read)

    # reading ---------------------------------------------------------------
    def read_pages(self, pdf) -> None:
        start = time.monotonic()
        doctop = 0.0
        pages = PDFPage.create_pages(pdf.doc)
        number = 0
        while True:
            try:
                page_obj = next(pages)
            except StopIteration:
                break
            except Exception as exc:  # the page tree is damaged past this page
                if not self.pages:
                    raise DocumentError(f"the PDF's pages cannot be read ({type(exc).__name__}). {_HOW[0]}",
                                        f"无法读取 PDF 的页面（{type(exc).__name__}）。{_HOW[1]}") from None
                self.notes.append((f"the PDF is damaged after page {number}: only the first {number} pages were read",
                                   f"PDF 文件在第 {number} 页之后已损坏，只读取了前 {number} 页"))
                break
            number += 1
            if number > MAX_PAGES:
                self.notes.append((f"the PDF has more than {MAX_PAGES} pages, more than a report: only the first "
                                   f"{MAX_PAGES} were read", f"PDF 超过 {MAX_PAGES} 页，远超一份年度报告，只读取了前 {MAX_PAGES} 页"))
                break
            if number > 1 and time.monotonic() - start > MAX_SECONDS:
                self.notes.append((f"reading the PDF took more than {MAX_SECONDS:.0f} s: only the first {number - 1} "
                                   "pages were read", f"读取 PDF 超过 {MAX_SECONDS:.0f} 秒，只读取了前 {number - 1} 页"))
                break
            try:
                page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            except Exception as exc:
                self.failed.append((number, type(exc).__name__))
                continue
            doctop += page.height
            try:
                self.read_page(page)
            except Exception as exc:  # pdfminer on a damaged content stream, a bad font…
                self.failed.append((number, str(exc) if isinstance(exc, _TooMuch) else type(exc).__name__))
                self.pages.append(_Page(number, float(page.width), float(page.height)))
            finally:
                page.close()

    def read_page(self, page) -> None:
        here = _Page(page.page_number, float(page.width), float(page.height))
        chars = page.chars
        if len(chars) > MAX_CHARS:
            raise _TooMuch(f"more than {MAX_CHARS:,} characters")
        turned = [sideways(ch) for ch in chars]
        if any(turned):  # not read: text set askew or sideways (much of the page) reads in the wrong order
            many = turned.count(2) >= max(SIDEWAYS_MIN, len(chars) / 4)
            if many:
                self.sideways.append(here.number)
            page = page.filter(lambda obj: obj.get("object_type") != "char" or sideways(obj) not in (1, 2 if many else 1))
            chars = page.chars
        unmapped = 0
        for ch in chars:  # the dicts pdfplumber's text and tables read: fixed once here
            text = ch.get("text") or ""
            if text.startswith("(cid:"):
                ch["text"] = "\ufffd"
                unmapped += 1
            else:
                if "\u2e80" <= text[:1] <= "\u2fdf":
                    ch["text"] = text = fold_radicals(text)
                if "\u4e00" <= text[:1] <= "\u9fff":
                    self.fonts.add(str(ch.get("fontname") or ""), text, here.number)
        if unmapped:
            self.unmapped[here.number] = unmapped
        self.chars += len(chars)
        self.readable += len(chars) - unmapped
        if not chars:
            if here.number not in self.sideways:
                self.empty.append(here.number)
        else:
            for number, line in enumerate(text_lines := page.extract_text_lines(), 1):
                made = text_line(here.number, number, line)
                if made is not None:
                    here.lines.append(made)
            here.words = unruled.lines_of(text_lines)
            here.scanned = bool(page.images)
            if len(page.rects) + len(page.lines) + len(page.curves) > MAX_OBJECTS or crossings(page) > MAX_CROSSINGS:
                self.crowded.append(here.number)
            else:
                found = [RawTable(here.number, table) for table in page.find_tables()]
                here.tables = sorted((t for t in found if len(t.xs) > 1 and len(t.ys) > 1), key=lambda t: t.top)
        self.pages.append(here)

    # the document ----------------------------------------------------------
    def finish(self) -> Extracted:
        if self.readable == 0:
            if self.failed and len(self.failed) == len(self.pages):
                raise DocumentError(f"the PDF is damaged: no page could be read ({self.failed[0][1]}). {_HOW[0]}",
                                    f"PDF 文件已损坏，没有一页能读取（{self.failed[0][1]}）。{_HOW[1]}")
            if self.sideways:
                raise DocumentError("the PDF's text is set sideways (rotated): " + _SIDEWAYS[0].format("its") + " and lint "
                                    "again", "PDF 的文字为横向（旋转）排版：" + _SIDEWAYS[1].format("各页") + "后重新检查")
            if self.chars:
                raise DocumentError("the PDF's fonts have no Unicode map: its text cannot be read. " + _HOW[0],
                                    "PDF 的字体没有 Unicode 映射，文字无法读取。" + _HOW[1])
            raise DocumentError(*_NO_TEXT)
        self.check_garbled()
        mark_furniture([p.lines for p in self.pages], [p.height for p in self.pages])
        bare = [p.number for p in self.pages if p.scanned and p.lines and all(line.furniture for line in p.lines)]
        if bare and all(line.furniture for p in self.pages for line in p.lines):  # page numbers on scanned pages
            raise DocumentError(*_NO_TEXT)
        self.empty = sorted(self.empty + bare)
        widths = Counter(round(p.width) for p in self.pages if p.lines)
        self.measure = Measure([l for p in self.pages for l in p.lines if not l.furniture],
                               widths.most_common(1)[0][0] if widths else 595)
        unruled.add_tables(self.pages)
        self.find_segments()
        out = self.emit()
        self.partial_notes(out)
        return Extracted(out.lines, "pdf", self.notes)

    def check_garbled(self) -> None:
        """Fonts whose Chinese characters do not decode to real text (`Fonts`): the document is
        refused when they hold most of its Chinese characters, else a note names their pages."""
        whole, pages = self.fonts.garbled()
        if whole:
            raise DocumentError(GARBLED[0] + ": export it again with the fonts embedded, or lint the .docx",
                                GARBLED[1] + "：请嵌入字体后重新导出 PDF，或检查 .docx 文件")
        if pages:
            which = ", ".join(str(n) for n in pages)
            self.notes.append((f"{GARBLED[0]} on page(s) {which}: the text there is wrong",
                               f"第 {which} 页{GARBLED[1][4:]}，该处文字有误"))

    def find_segments(self) -> None:
        """Number the data tables (a continuation takes its table's number), then make their grids,
        once each table's columns over all its pages are known."""
        prev: Segment | None = None  # the last data table so far
        tables: list[tuple[Columns, list[Segment]]] = []
        for page in self.pages:
            for k, raw in enumerate(page.tables):
                for lead, first, last, tail in raw.runs():
                    notes = self.continues(prev, raw) if prev is not None and k == 0 and lead == 0 else None
                    if notes is not None and tables[-1][0].join(raw):
                        prev.last = prev.tail  # the captions ending its page are the table's
                        head = repeated_header(tables[-1][1][0], raw)  # rows not given out
                        seg = Segment(raw, head if head <= last else 0, last, tail, head=0)
                        seg.number, seg.drop_empty = prev.number, True
                        join_split_row(prev, seg)
                        seg.after, prev.after = prev.after + notes, []  # its footnotes: after the table
                        before = self.pages_by_number(prev.raw.page)
                        before.lines = [line for line in before.lines if all(line is not n for n in notes)]
                        tables[-1][1].append(seg)
                    else:
                        seg = Segment(raw, lead, last, tail)
                        seg.number = len(tables) + 1
                        tables.append((Columns(raw), [seg]))
                    page.segments.append(seg)
                    prev = seg
        budget = MAX_SLOTS
        for columns, segments in tables:
            rows = 0
            for seg in segments:
                seg.colmap, seg.ncols, seg.row_base = columns.colmap(seg.raw), len(columns.edges) - 1, rows
                seg.lines, budget = grid_lines(segment_grid(seg), budget, same)
                rows += seg.rows

    def continues(self, prev: Segment, raw: RawTable) -> list[TextLine] | None:
        """Does `raw` (first on its page) continue `prev` (last on the page before)? Nothing but
        footers and footnotes (`pdf_text.footnote`) below prev's last row (its captions included),
        nothing but headers above raw. The footnotes passed, or None."""
        if prev.raw.page != raw.page - 1 or prev.tail != len(prev.raw.single) - 1:
            return None
        before, now = self.pages_by_number(prev.raw.page), self.pages_by_number(raw.page)
        if before is None or now is None or before.tables[-1] is not prev.raw:
            return None
        bottom = prev.raw.ys[-1]
        below = [l for l in before.lines if not l.furniture and (l.top + l.bottom) / 2 > bottom]
        above = [l for l in now.lines if not l.furniture and (l.top + l.bottom) / 2 < raw.top]
        if above or not all(footnote(l, before.height, self.measure.size) for l in below):
            return None
        return below

    def pages_by_number(self, number: int) -> _Page | None:
        for page in self.pages[max(0, number - 2):number + 1]:
            if page.number == number:
                return page
        return None

    def emit(self) -> LineBuilder:
        out = LineBuilder()
        measure = self.measure
        chars: list[str] = []
        places: list[Place] = []
        last: TextLine | None = None

        def flush() -> None:
            nonlocal chars, places, last
            if chars:
                out.add("".join(chars), places)
            chars, places, last = [], [], None

        for page in self.pages:
            items: list[tuple[float, int, object]] = []
            for seg in page.segments:
                items.append((seg.top, 0, seg.lines))
                items += [(seg.bottom, 1, line) for line in seg.after]
            for line in page.lines:
                if not line.furniture and not any(seg.holds(line.top, line.bottom, line.x0, line.x1)
                                                  for seg in page.segments):
                    items.append((line.top, 1, line))
            items.sort(key=lambda item: (item[0], item[1]))
            for _, kind, item in items:
                if kind == 0:
                    flush()
                    out.add_grid(item)
                    continue
                if last is not None and joins(last, item, measure):
                    sep = separator("".join(chars[-1:]), item.text)
                    chars += sep + item.text
                    places += [places[-1]] * len(sep) + item.places
                    last = item
                    continue
                flush()
                chars, places, last = list(item.text), list(item.places), item
        flush()
        return out

    def partial_notes(self, out: LineBuilder) -> None:
        def pages(numbers) -> str:
            return ", ".join(str(n) for n in numbers)

        if self.failed:
            which = pages(n for n, _ in self.failed)
            self.notes.append((f"page(s) {which} could not be read ({self.failed[0][1]}); the rest was read",
                               f"第 {which} 页无法读取（{self.failed[0][1]}），其余页面已读取"))
        if self.empty:
            which = pages(self.empty)
            self.notes.append((f"page(s) {which} have no text layer (scanned?); they were not read",
                               f"第 {which} 页没有文字层（可能是扫描件），未读取"))
        if self.sideways:
            which = pages(self.sideways)
            self.notes.append((f"page(s) {which} have text set sideways (rotated); it was not read — "
                               + _SIDEWAYS[0].format("those") + " and lint again",
                               f"第 {which} 页有横向（旋转）排版的文字，未读取；" + _SIDEWAYS[1].format("这些页") + "后重新检查"))
        if self.unmapped:
            count = sum(self.unmapped.values())
            which = pages(sorted(self.unmapped))
            self.notes.append((f"{count} character(s) on page(s) {which} use a font without a Unicode map; "
                               "they were read as � and the text there may be wrong",
                               f"第 {which} 页有 {count} 个字符所用字体没有 Unicode 映射，读作 �，该处文字可能有误"))
        if self.crowded:
            which = pages(self.crowded)
            self.notes.append((f"page(s) {which} draw too many lines and boxes (more than {MAX_OBJECTS}, or a "
                               f"grid of more than {MAX_CROSSINGS} crossings) to look for tables in; their text was read "
                               "as text", f"第 {which} 页绘制的线条和方框过多（超过 {MAX_OBJECTS} 个，或网格交点超过 "
                               f"{MAX_CROSSINGS} 个），未识别其中的表格，按文字读取"))
        if out.full:
            self.notes.append(("the PDF holds more text than a report; only its beginning was read",
                               "PDF 的文字量远超一份年度报告，只读取了开头部分"))

