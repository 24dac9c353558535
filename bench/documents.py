"""A synthetic report (bench/layouts.py `Model`) written as a .docx or a .pdf, and where each key landed.

    write_docx(model) -> (bytes, where)     python-docx; the official tables with real merges
    write_pdf(model)  -> (bytes, where)     reportlab platypus, STSong-Light, A4, a `- n -` footer

`where` maps the keys of `layouts.render` (value cells `(table_id, row_id, col_id)`, `("row", t, r)`,
`("caption", t)`, `("col", t, c)`, `("part", sid)`, `("fee",)`, `("head", "四")`) to a PLACE, a dict
holding only the keys that apply. This is the contract the document readers follow for the places
of their findings (a Diagnostic's `place`, and `place` in each related location):

.docx
    body text   {"paragraph": n}   n = 1-based index among the BODY paragraphs in body order:
                                   the w:p children of w:body (not those in tables), empty ones
                                   counted, content controls (w:sdt, w:customXml) looked through.
                                   Without content controls this is python-docx's
                                   `document.paragraphs` order (which skips a w:p inside a w:sdt).
    table cell  {"table": t, "row": r, "column": c}
                                   t = 1-based index of the w:tbl in document order, every table
                                   counted (nested ones too); r = 1-based w:tr within that table;
                                   c = 1-based GRID column (w:gridBefore and w:gridSpan counted).
                                   A merged cell is at its first row (vMerge="restart") and its
                                   first grid column.
.pdf
    text        {"page": p, "page_line": l}
                                   p = 1-based page; l = 1-based line on the page, counting from the
                                   top every line pdfplumber's `page.extract_text_lines()` gives
                                   (table rows and the footer included).
    table cell  {"page": p, "table": t, "row": r, "column": c}
                                   t = 1-based ruled table in the document, a table continued on
                                   the next page being the SAME table; r = 1-based row counted
                                   across the continuation (no row is repeated: no repeatRows);
                                   c = 1-based grid column; p = the page of the cell's first row.

How the oracle knows: .docx places are counted while writing. For .pdf, the page of every table
row and keyed paragraph is recorded by reportlab hooks as they are drawn (`_Table.drawOn`,
`_Para.drawOn`); `page_line` is then read back from the written PDF with pdfplumber (the line on
that page whose text starts the paragraph, nearest to where it was drawn): the oracle reading its
own output, never the linter's reader.

Both writers are deterministic: the same model gives the same bytes (fixed core-property dates and
zip member times in the .docx, reportlab's `invariant` mode in the .pdf). reportlab never splits a
table inside a rowspan, so a page break falls between merged blocks (表三 usually breaks before
三、本年度办理结果); `pad` (points of extra space before part 二, by default chosen from the model) moves where it
falls: in about half the models 表三 crosses a page break.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Callable

from layouts import Grid, Key, Model, Para, blocks, slots, traditional

Place = dict[str, int]
Where = dict[Key, Place]
FIXED = datetime(2024, 1, 1, 8, 0, 0)


def _texts(trad: bool) -> Callable[[str], str]:
    return traditional if trad else (lambda s: s)


def _origins(grid: Grid):
    """(row index, column index, cell) of every cell where it starts (0-based grid positions)."""
    for r, row in enumerate(slots(grid)):
        for c, (cell, kind) in enumerate(row):
            if kind == "origin":
                yield r, c, cell


# ---------------------------------------------------------------------------------------------
# .docx


def write_docx(model: Model, trad: bool = False) -> tuple[bytes, Where]:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    conv = _texts(trad)
    doc = docx.Document()
    where: Where = {}
    n_par = n_tbl = 0
    for block in blocks(model):
        if isinstance(block, Para):
            par = doc.add_paragraph()
            run = par.add_run(conv(block.text))
            heading = block.key is not None and block.key[0] == "part"
            if block.title:
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                run.font.size = Pt(16)
            elif heading:
                run.bold = True
            else:
                par.paragraph_format.first_line_indent = Pt(21)
            n_par += 1
            if block.key is not None:
                where[block.key] = {"paragraph": n_par}
            continue
        if not block:
            continue
        n_tbl += 1
        add_docx_table(doc, block, n_tbl, where, conv)
        doc.add_paragraph()  # a blank line after each table, as word processors keep one
        n_par += 1
    core = doc.core_properties
    core.author = core.last_modified_by = "xxgk-lint bench"
    core.title = conv(f"{model.agency}{model.year}年政府信息公开工作年度报告")
    core.created = core.modified = core.last_printed = FIXED
    core.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue()), where


def add_docx_table(doc, block: Grid, number: int, where: Where, conv: Callable[[str], str] = str) -> None:
    """A grid as a Word table (style Table Grid), its spans as real merges (gridSpan, vMerge); the
    place of each keyed cell into `where`, the table being the document's `number`th."""
    grid = slots(block)
    width = len(grid[0])
    table = doc.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    origins = list(_origins(block))
    at = table._cells  # the unmerged grid, once (table.cell() walks the whole table each call);
    # spans never overlap, so a merge leaves every other cell's element in place
    for r, c, cell in origins:  # merge first: a merge joins the texts of the cells it takes
        if cell.rowspan > 1 or cell.colspan > 1:
            at[r * width + c].merge(at[(r + cell.rowspan - 1) * width + c + cell.colspan - 1])
    for r, c, cell in origins:
        if cell.text:
            at[r * width + c].text = conv(cell.text)
        if cell.key is not None:
            where[cell.key] = {"table": number, "row": r + 1, "column": c + 1}


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's time fixed: the same document gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# .pdf

FONT = "STSong-Light"
MARGIN = 56  # points: about 2 cm


def _widths(width: int, total: float) -> list[float]:
    """Grid column widths of a table `width` columns wide (表二 4, 表三 10, 表四 15)."""
    if width == 4:
        return [total * 0.34] + [total * 0.22] * 3
    if width == 10:
        label = [total * 0.08, total * 0.14, total * 0.25]
        return label + [(total - sum(label)) / 7] * 7
    return [total / width] * width


def write_pdf(model: Model, trad: bool = False, pad: float | None = None) -> tuple[bytes, Where]:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    conv = _texts(trad)
    pad = default_pad(model) if pad is None else pad
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24,
                          spaceAfter=4)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0,
                           spaceAfter=12)
    cell_style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK", alignment=TA_CENTER)
    pages: dict[Key, int] = {}  # a keyed paragraph → its page; (table, row) → its page
    tops: dict[Key, float] = {}  # a keyed paragraph → its top, in pdfplumber's coordinates (from the page's top)
    height = A4[1]

    class _Para(Paragraph):
        key: Key | None = None

        def split(self, aw, ah):
            parts = super().split(aw, ah)
            if parts and self.key is not None:
                parts[0].key = self.key
            return parts

        def drawOn(self, canvas, x, y, _sW=0):
            if self.key is not None and self.key not in pages:
                pages[self.key] = canvas.getPageNumber()
                tops[self.key] = height - (y + self.height)
            super().drawOn(canvas, x, y, _sW)

    class _Table(Table):
        number = 0
        first = 0  # rows of the whole table before this piece

        def split(self, aw, ah):
            parts = super().split(aw, ah)
            first = self.first
            for part in parts:
                part.number, part.first = self.number, first
                first += len(part._cellvalues)
            return parts

        def drawOn(self, canvas, x, y, _sW=0):
            for i in range(len(self._cellvalues)):
                pages.setdefault(("table-row", self.number, self.first + i + 1), canvas.getPageNumber())
            super().drawOn(canvas, x, y, _sW)

    story = []
    cells: dict[Key, tuple[int, int, int]] = {}
    n_tbl = 0
    for block in blocks(model):
        if isinstance(block, Para):
            heading = block.key is not None and block.key[0] == "part"
            par = _Para(conv(block.text), title if block.title else head if heading else body)
            par.key = block.key
            if block.key == ("part", "二") and pad:
                story.append(Spacer(1, pad))
            story.append(par)
            continue
        if not block:
            continue
        n_tbl += 1
        grid = slots(block)
        data: list[list[object]] = [["" for _ in grid[0]] for _ in grid]
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("FONT", (0, 0), (-1, -1), FONT, 8)]
        for r, c, cell in _origins(block):
            if cell.text:
                data[r][c] = Paragraph(conv(cell.text), cell_style)
            if cell.rowspan > 1 or cell.colspan > 1:
                style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            if cell.key is not None:
                cells[cell.key] = (n_tbl, r + 1, c + 1)
        table = _Table(data, colWidths=_widths(len(grid[0]), A4[0] - 2 * MARGIN), style=style)
        table.number = n_tbl
        story += [table, Spacer(1, 10)]

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2, MARGIN / 2, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, invariant=1, title=conv(f"{model.agency}{model.year}年政府信息公开工作年度报告"),
                            author="xxgk-lint bench", creator="xxgk-lint bench")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    data = out.getvalue()
    where: Where = {key: {"page": pages[("table-row", t, r)], "table": t, "row": r, "column": c}
                    for key, (t, r, c) in cells.items()}
    lines = _page_lines(data, {key: (pages[key], tops[key], conv(text)) for key, text in _keyed_texts(model).items()
                               if key in pages})
    for key, (page, line) in lines.items():
        where[key] = {"page": page, "page_line": line}
    return data, where


PADS = (0, 50, 150, 400, 450)  # A4, this model family: 表三 split after its header, none, or before its results


def default_pad(model: Model) -> float:
    """Extra space before part 二, chosen by the agency and year (a planted fault keeps its model's pad):
    where page breaks fall varies between models, and in most of them 表三 crosses one."""
    return PADS[(sum(map(ord, model.agency)) + model.year) % len(PADS)]


def _keyed_texts(model: Model) -> dict[Key, str]:
    return {b.key: b.text for b in blocks(model) if isinstance(b, Para) and b.key is not None}


def _squash(text: str) -> str:
    return "".join(text.split())


def _page_lines(data: bytes, wanted: dict[Key, tuple[int, float, str]]) -> dict[Key, tuple[int, int]]:
    """(page, line on the page) of each keyed paragraph, read back with pdfplumber: among the page's
    text lines, the one whose text starts the paragraph's (or is started by it), nearest to its top."""
    import pdfplumber

    out: dict[Key, tuple[int, int]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines_of: dict[int, list[dict]] = {}
        for key, (page, top, text) in wanted.items():
            if page not in lines_of:
                lines_of[page] = pdf.pages[page - 1].extract_text_lines()
            lines = lines_of[page]
            want = _squash(text)
            match = [i for i, ln in enumerate(lines)
                     if _squash(ln["text"]) and (want.startswith(_squash(ln["text"])) or _squash(ln["text"]).startswith(want))]
            pool = match or range(len(lines))
            best = min(pool, key=lambda i: abs(lines[i]["top"] - top))
            out[key] = (page, best + 1)
    return out
