""".docx (Word, WPS) → lines with places: the body's paragraphs and tables in document order.

The text is what would print with tracked changes accepted: insertions (`w:ins`, `w:moveTo`) in,
deletions (`w:del`, `w:delText`, `w:moveFrom`, rows marked deleted) out; no field codes
(`w:instrText`, the field's result is kept), no hidden text (`w:vanish`), no drawings or text boxes;
comments, headers, footers and notes live in other parts and are not read. Automatic numbering
("一、" from a list or a heading style) is written out as Word shows it (`docx_numbering`).

Places: a body paragraph is numbered in body order (every `w:p` of the body, empty ones too,
content controls looked through; 1-based); a cell is at its table (every `w:tbl` of the document
in order, nested ones too), row (`w:tr`) and first grid column (`w:gridBefore` and `w:gridSpan`
counted), as a person counts them in Word. A merged cell (`w:gridSpan`, `w:vMerge`) is one cell
(`grid.grid_lines`): its text is never repeated. A table holding another table is layout: its
cells are read as paragraphs (at their cell's place), the inner table as a table.

Hostile files: the main part is checked for size and compression ratio before it is unpacked, and
parsed with defusedxml (no DTD, no entities); nesting deeper than MAX_DEPTH is not followed.
"""
from __future__ import annotations

import io
import posixpath
import zipfile

from defusedxml import DefusedXmlException  # ~20 ms with ElementTree: only for .docx files
from defusedxml.ElementTree import ParseError, fromstring

from ...model import Place
from .docx_numbering import Numbering
from .document import MAX_MEMBER_BYTES, MAX_RATIO, DocumentError, Extracted, LineBuilder, same
from .grid import MAX_SLOTS, GridCell, grid_lines

MAX_DEPTH = 40  # tables in tables in tables…: a real report nests two deep
_HOW = ("Save it again in Word or WPS as .docx, or export it to PDF or HTML.",
        "请在 Word 或 WPS 中重新另存为 .docx，或导出为 PDF、HTML 后再检查。")
# elements whose text is not printed, or not part of the body's flow
_SKIP = {"del", "moveFrom", "delText", "instrText", "delInstrText", "drawing", "pict", "object", "rt",
         "AlternateContent", "footnoteReference", "endnoteReference", "commentReference", "rPr", "pPr",
         "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "fldData", "bookmarkStart"}
_TRUE = {None, "1", "true", "on"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _val(elem) -> str | None:
    if elem is None:
        return None
    for key, value in elem.attrib.items():
        if local(key) == "val":
            return value
    return None


def _child(elem, name: str):
    return None if elem is None else next((c for c in elem if local(c.tag) == name), None)


def _int(value: str | None, default: int, high: int = 1000) -> int:
    try:
        return max(0, min(int(value), high)) if value is not None else default
    except ValueError:
        return default


def unpack(data: bytes, name: str) -> bytes | None:
    """A part of the package, or None when it is absent; DocumentError when it is too big to be a report."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            try:
                info = package.getinfo(name)
            except KeyError:
                return None
            if info.file_size > MAX_MEMBER_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
                raise DocumentError(
                    f"{name} unpacks to {info.file_size:,} bytes from {info.compress_size:,}: more than a report "
                    f"holds (at most {MAX_MEMBER_BYTES:,} bytes, {MAX_RATIO}× packed); it was not unpacked",
                    f"{name} 解压后为 {info.file_size:,} 字节（压缩 {info.compress_size:,} 字节），超过报告可能的大小"
                    f"（最多 {MAX_MEMBER_BYTES:,} 字节、压缩比 {MAX_RATIO} 倍），未解压")
            with package.open(info) as member:
                return member.read(MAX_MEMBER_BYTES + 1)[:MAX_MEMBER_BYTES]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise DocumentError(f"the .docx is damaged or not a Word document ({exc}). {_HOW[0]}",
                            f".docx 文件已损坏或不是 Word 文档（{exc}）。{_HOW[1]}") from None
    except RuntimeError as exc:  # an encrypted member
        raise DocumentError(f"the .docx is encrypted ({exc}). Save it without a password.",
                            f".docx 文件已加密（{exc}），请取消密码后另存。") from None


def parse_xml(data: bytes, name: str):
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise DocumentError(f"{name} declares a DTD or entities, which a Word document never does; it was not read",
                            f"{name} 含有 DTD 或实体声明（Word 文档不会有），未读取") from None
    except (ParseError, ValueError) as exc:
        raise DocumentError(f"{name} is not well-formed XML ({exc}). {_HOW[0]}",
                            f"{name} 不是格式正确的 XML（{exc}）。{_HOW[1]}") from None


def _main_part(data: bytes) -> str:
    """The main document part named by the package's relationships (Word: word/document.xml)."""
    rels = unpack(data, "_rels/.rels")
    if rels is not None:
        for rel in parse_xml(rels, "_rels/.rels"):
            target = rel.get("Target") or ""
            if rel.get("Type", "").endswith("/officeDocument") and target:
                path = posixpath.normpath(target.lstrip("/"))
                if not path.startswith(".."):
                    return path
    return "word/document.xml"


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: an old .doc, or an encrypted Office file
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an Office password puts the package in


def read(data: bytes) -> Extracted:
    if data.startswith(_OLE) and _ENCRYPTED in data:
        raise DocumentError("the .docx is protected by a password (encrypted); save a copy without the password",
                            ".docx 文件设置了打开密码（已加密），请另存一份不带密码的文件后再检查")
    if data.startswith(_OLE):
        raise DocumentError("the file is an old Word document (.doc) named .docx: rename it .doc (read through "
                            "LibreOffice) or save it as .docx in Word or WPS",
                            "文件是旧版 Word 文档（.doc），却以 .docx 为扩展名：请改用 .doc 扩展名（借助 LibreOffice 读取），"
                            "或在 Word、WPS 中另存为 .docx")
    if not data.startswith(b"PK"):
        raise DocumentError("the file is not a .docx package (a zip file). If it is an old .doc, rename it .doc. "
                            + _HOW[0], "文件不是 .docx 格式（zip 包）。如为旧版 .doc，请改用 .doc 扩展名。" + _HOW[1])
    name = _main_part(data)
    xml = unpack(data, name)
    if xml is None:
        raise DocumentError(f"the package has no {name}: it is not a Word document. {_HOW[0]}",
                            f"文件中没有 {name}，不是 Word 文档。{_HOW[1]}")
    root = parse_xml(xml, name)
    body = _child(root, "body")
    if body is None:
        raise DocumentError(f"{name} has no body. {_HOW[0]}", f"{name} 没有正文。{_HOW[1]}")
    notes = []
    try:
        numbering = Numbering.read(data, name, unpack, parse_xml)
    except DocumentError as exc:  # the text can still be read: without its automatic numbers, said so
        numbering = Numbering({}, {}, {}, {})
        notes.append((f"automatic numbering (numbering.xml, styles.xml) could not be read: {exc.reason}; "
                      "part numbers Word adds by itself are missing from the text",
                      f"无法读取自动编号（numbering.xml、styles.xml）：{exc.reason_zh}；Word 自动生成的编号未能读出"))
    reader = _Reader(numbering)
    reader.blocks(body, None, 0)
    if reader.deep:
        notes.append(("content nested deeper than a document ever is was not read",
                      "嵌套层级过深的内容未读取（正常文档不会如此）"))
    if reader.out.full:
        notes.append(("the document holds more text than a report; only its beginning was read",
                      "文件的文字量远超一份年度报告，只读取了开头部分"))
    return Extracted(reader.out.lines, "docx", notes)


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.out = LineBuilder()
        self.numbering = numbering
        self.paragraphs = 0  # body paragraphs so far
        self.tables = 0  # tables so far, nested ones too
        self.budget = MAX_SLOTS
        self.carried = ""  # the text of a paragraph whose mark was deleted: it runs on into the next
        self.deep = False  # content below MAX_DEPTH was left out

    # paragraphs and tables in order; `cell` is the place of the cell they are in (None: the body)
    def blocks(self, parent, cell: Place | None, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.deep = True
            return
        for elem in parent:
            name = local(elem.tag)
            if name == "p":
                if cell is None:
                    self.paragraphs += 1
                self.paragraph(elem, cell or Place(paragraph=self.paragraphs))
            elif name == "tbl":
                self.table(elem, depth)
            elif name in ("sdt", "sdtContent", "customXml"):
                self.blocks(elem, cell, depth + 1)

    def paragraph(self, p, place: Place) -> None:
        body = self.text(p, 0)
        mark = _mark(p)
        if mark == "deleted":  # with changes accepted the paragraph runs on into the next one
            self.carried += body
            return
        if mark == "hidden" and not body.strip():
            return  # a hidden empty paragraph prints nothing, not even its number
        text = self.numbering.label(p) + self.carried + body  # the merged paragraph is numbered by its own mark
        self.carried = ""
        for line in text.split("\n"):
            self.out.add(line, [place] * len(line))

    def cell_text(self, tc, depth: int) -> str:
        """A cell's printed text: its paragraphs (with their numbers) joined by spaces, a table inside
        it read as more of its text."""
        parts = []
        if depth > MAX_DEPTH:
            self.deep = True
            return ""
        for elem in tc:
            name = local(elem.tag)
            if name == "p":
                body = self.text(elem, 0)
                if _mark(elem) != "deleted" and not (_mark(elem) == "hidden" and not body.strip()):
                    parts.append((self.numbering.label(elem) + body).replace("\n", " "))
                else:
                    parts.append(body)
            elif name == "tbl":
                parts += [self.cell_text(inner, depth + 1) for tr in _flat(elem, "tr") for inner in _flat(tr, "tc")]
            elif name in ("sdt", "sdtContent", "customXml"):
                parts.append(self.cell_text(elem, depth + 1))
        return " ".join(t for t in parts if t.strip())

    def text(self, elem, depth: int) -> str:
        """The printed text of a paragraph or run container: tabs as spaces, breaks as newlines."""
        if depth > MAX_DEPTH:
            return ""
        parts = []
        for child in elem:
            name = local(child.tag)
            if name in _SKIP:
                continue
            if name == "t":
                parts.append(child.text or "")
            elif name in ("tab", "ptab"):
                parts.append(" ")  # a tab in a paragraph aligns text; it never separates cells
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "r" and _hidden(child):
                continue
            elif len(child):  # r, ins, moveTo, hyperlink, smartTag, sdt, sdtContent, fldSimple, customXml…
                parts.append(self.text(child, depth + 1))
        return "".join(parts)

    def table(self, tbl, depth: int) -> None:
        self.tables += 1
        number = self.tables
        rows = [tr for tr in _flat(tbl, "tr") if not _deleted_row(tr)]
        shown = _visible_columns(tbl)
        widest = max([shown.count()] + [sum(1 for _ in _flat(tr, "tc")) for tr in rows])
        if widest <= 2 and any(True for tr in rows for tc in _flat(tr, "tc") for _ in _flat(tc, "tbl")):
            # a frame of one or two columns holding a table is layout (a page wrapped in a table):
            # its cells are read as paragraphs and the inner table as a table; in a real grid, a table
            # inside a cell is more of that cell's text
            self.layout(rows, number, depth)
            return
        grid = []
        for r, tr in enumerate(rows, 1):
            before = _int(_val(_child(_child(tr, "trPr"), "gridBefore")), 0, 63)
            row = [(GridCell(tag=Place(table=number, row=r, column=1), colspan=shown.span(0, before)), 0, None)
                   ] if shown.span(0, before) else []
            col = before
            for tc in _flat(tr, "tc"):
                tcpr = _child(tc, "tcPr")
                span = max(_int(_val(_child(tcpr, "gridSpan")), 1, 63), 1)
                merge = _child(tcpr, "vMerge")
                how = None if merge is None else ("restart" if _val(merge) == "restart" else "continue")
                place = Place(table=number, row=r, column=shown.column(col))
                text = "" if how == "continue" else self.cell_text(tc, depth + 1)
                if shown.span(col, span) or text:  # a cell only in a sliver column is no cell
                    cell = GridCell(tag=place, colspan=max(shown.span(col, span), 1))
                    cell.chars, cell.origin = list(text), [place] * len(text)
                    row.append((cell, col, how))
                col += span
            grid.append(row)
        lines, self.budget = grid_lines(_vertical_merges(grid), self.budget, same)
        self.out.add_grid(lines)

    def layout(self, rows, number: int, depth: int) -> None:
        col = 0
        for r, tr in enumerate(rows, 1):
            col = 0
            for tc in _flat(tr, "tc"):
                self.blocks(tc, Place(table=number, row=r, column=col + 1), depth + 1)
                col += max(_int(_val(_child(_child(tc, "tcPr"), "gridSpan")), 1, 63), 1)


SLIVER = 50  # twips (2.5 pt): narrower than any character, a grid column no cell is shown in


class _Columns:
    """The table's grid columns as a person sees them: a sliver column (LibreOffice and Word leave
    them where cell edges almost line up: `<w:gridCol w:w="1"/>`) is no column, so a cell spanning
    one is one cell, and columns are counted without them."""

    def __init__(self, widths: list[int | None]) -> None:
        self.before = [0]  # visible columns before each grid column
        for width in widths:
            self.before.append(self.before[-1] + (0 if width is not None and width < SLIVER else 1))

    def _at(self, col: int) -> int:
        last = len(self.before) - 1
        return self.before[col] if col <= last else self.before[last] + col - last  # past the grid: all visible

    def count(self) -> int:
        return self.before[-1]

    def span(self, col: int, span: int) -> int:
        return self._at(col + span) - self._at(col)

    def column(self, col: int) -> int:
        return self._at(col) + 1


def _visible_columns(tbl) -> _Columns:
    grid = _child(tbl, "tblGrid")
    widths = [] if grid is None else [_int(_attr_w(c), None, 10**6) for c in grid if local(c.tag) == "gridCol"]
    return _Columns(widths)


def _attr_w(elem) -> str | None:
    return next((v for k, v in elem.attrib.items() if local(k) == "w"), None)


def _hidden(run) -> bool:
    rpr = _child(run, "rPr")
    if rpr is None:
        return False
    vanish = _child(rpr, "vanish")
    return vanish is not None and (_val(vanish) or "true").lower() in _TRUE


def _deleted_row(tr) -> bool:
    trpr = _child(tr, "trPr")
    return trpr is not None and _child(trpr, "del") is not None


def _flat(parent, name: str, depth: int = 0):
    """Children named `name`, looking through content controls and custom XML around them (to a
    depth no document reaches)."""
    for child in parent:
        tag = local(child.tag)
        if tag == name:
            yield child
        elif tag in ("sdt", "sdtContent", "customXml") and depth < MAX_DEPTH:
            yield from _flat(child, name, depth + 1)


def _mark(p) -> str:
    """How the paragraph mark is printed: "deleted" (a tracked deletion joins the paragraph to the
    next), "hidden" (`w:vanish`), or ""."""
    rpr = _child(_child(p, "pPr"), "rPr")
    if rpr is None:
        return ""
    if _child(rpr, "del") is not None or _child(rpr, "moveFrom") is not None:
        return "deleted"
    vanish = _child(rpr, "vanish")
    return "hidden" if vanish is not None and (_val(vanish) or "true").lower() in _TRUE else ""


def _vertical_merges(grid: list[list[tuple[GridCell, int, str | None]]]) -> list[list[GridCell]]:
    """`w:vMerge` → row spans: a restarting cell spans the continuing cells below it at its column,
    which are then left out (their slots are the span's). A continuation with nothing to continue
    stays an empty cell. `grid` holds (cell, first grid column, "restart" | "continue" | None)."""
    open_cells: dict[int, GridCell] = {}  # grid column → the restarting cell whose span reaches this row
    out = []
    for row in grid:
        kept = []
        reached: dict[int, GridCell] = {}
        for cell, col, how in row:
            if how == "continue" and col in open_cells and open_cells[col].colspan == cell.colspan:
                top = open_cells[col]
                top.rowspan += 1
                reached[col] = top
                continue
            if how == "restart":
                reached[col] = cell
            kept.append(cell)
        open_cells = reached
        out.append(kept)
    return out
