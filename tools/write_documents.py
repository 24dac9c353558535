"""Write the document fixtures of tests/fixtures/documents/ (see its README.md), deterministically.

    python tools/write_documents.py [--out DIR] [--no-soffice]

Every file but the LibreOffice conversions (legacy.doc, report.odt: LibreOffice stamps them) is the
same bytes on every run. Files too big to keep in the repository are made by a function here that a
test calls into its tmp_path: `many_pages_pdf()`, `bomb_docx()` is small enough to keep.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import documents  # noqa: E402
import layouts  # noqa: E402

OUT = ROOT / "tests/fixtures/documents"
SEED = 2024  # the model of clean.docx / clean.pdf: layouts.make_model(random.Random(SEED))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = (2024, 1, 1, 8, 0, 0)


def model() -> layouts.Model:
    return layouts.make_model(random.Random(SEED))


def where_json(where: dict) -> bytes:
    """`where` with its tuple keys joined by "|" (("三", "一", "总计") → "三|一|总计"), sorted."""
    out = {"|".join(key): place for key, place in where.items()}
    return (json.dumps(dict(sorted(out.items())), ensure_ascii=False, indent=0) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# .docx made by python-docx, then edited as XML


def merged_docx() -> tuple[bytes, dict]:
    """Part 三's heading and 表三 alone, merged as on the official form: the corner note over 3 columns
    × 3 rows, 申请人情况 over 7 columns, 自然人 and 总计 over 2 rows, 法人或其他组织 over 5 columns,
    三、本年度办理结果 over every result row, each group label over its sub-rows (w:gridSpan, w:vMerge)."""
    import docx
    m = model()
    doc = docx.Document()
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    where = {("part", "三"): {"paragraph": 1}}
    documents.add_docx_table(doc, layouts.grid_table3(m), 1, where)
    _fix_core(doc)
    return _save(doc), where


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return documents.fixed_zip(out.getvalue())


def _w(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    elem = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        elem.set(qn(f"w:{key}"), value)
    return elem


def _run(text: str, tag: str = "t", hidden: bool = False):
    r = _w("r")
    if hidden:
        rpr = _w("rPr")
        rpr.append(_w("vanish"))
        r.append(rpr)
    t = _w(tag)
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def tracked_docx() -> bytes:
    """Word features a reader must look through. The printed text (changes accepted) is:

        1  示例县人民政府办公室2024年政府信息公开工作年度报告
        2  一、总体情况            ← 「一、总体」 + inserted 「情况」 (w:ins); deleted 「概述」 (w:del/w:delText)
        3  （一）主动公开。本机关全年主动公开政府信息120条。   ← inside a content control (w:sdt)
        4  第1页                   ← a PAGE field: instrText 「 PAGE 」 is code, 「1」 its result
        5  (empty)                 ← a hidden run (w:vanish) holding 「二、主动公开政府信息情况」
        table 1: a 1×1 layout table; its cell holds a paragraph 「版式表格」 and table 2, nested:
                 信息内容 | 本年处理决定数量 / 行政许可 | 5
        6  二、主动公开政府信息情况    ← the real heading, after the layout table
    """
    import docx
    doc = docx.Document()
    body = doc.element.body
    doc.add_paragraph("示例县人民政府办公室2024年政府信息公开工作年度报告")
    p = doc.add_paragraph()._p
    p.append(_run("一、总体"))
    ins = _w("ins", id="1", author="审核人", date="2024-01-02T00:00:00Z")
    ins.append(_run("情况"))
    p.append(ins)
    dele = _w("del", id="2", author="审核人", date="2024-01-02T00:00:00Z")
    dele.append(_run("概述", tag="delText"))
    p.append(dele)
    sdt = _w("sdt")
    sdt_pr = _w("sdtPr")
    sdt_pr.append(_w("alias", val="正文"))
    sdt.append(sdt_pr)
    content = _w("sdtContent")
    inner = _w("p")
    inner.append(_run("（一）主动公开。本机关全年主动公开政府信息120条。"))
    content.append(inner)
    sdt.append(content)
    body.insert(len(body) - 1, sdt)  # before the w:sectPr
    field = _w("p")
    field.append(_run("第"))
    for part in (("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"),
                 ("fldChar", "end")):
        if part[0] == "fldChar":
            r = _w("r")
            r.append(_w("fldChar", fldCharType=part[1]))
            field.append(r)
        else:
            field.append(_run(part[1], tag=part[0]))
    field.append(_run("页"))
    body.insert(len(body) - 1, field)
    hidden = doc.add_paragraph()._p
    hidden.append(_run("二、主动公开政府信息情况", hidden=True))
    outer = doc.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].add_run("版式表格")
    nested = cell.add_table(rows=2, cols=2)
    nested.style = "Table Grid"
    for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年处理决定数量", (1, 0): "行政许可", (1, 1): "5"}.items():
        nested.cell(r, c).text = text
    cell.add_paragraph()  # a cell ends with a paragraph
    doc.add_paragraph("二、主动公开政府信息情况")
    _fix_core(doc)
    return _save(doc)


def _fix_core(doc) -> None:
    core = doc.core_properties
    core.author = core.last_modified_by = "xxgk-lint bench"
    core.created = core.modified = core.last_printed = documents.FIXED
    core.revision = 1


# ---------------------------------------------------------------------------------------------
# hostile .docx: a zip bomb and a billion laughs

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def _package(document: bytes | None = None, stream=None) -> bytes:
    """A minimal .docx: content types, the package relationship and word/document.xml (bytes, or
    streamed from an iterable of byte chunks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)):
            z.writestr(zipfile.ZipInfo(name, DATE), text)
        info = zipfile.ZipInfo("word/document.xml", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        if document is not None:
            z.writestr(info, document)
        else:
            with z.open(info, "w", force_zip64=True) as member:
                for chunk in stream:
                    member.write(chunk)
    return out.getvalue()


def bomb_docx(megabytes: int = 300) -> bytes:
    """word/document.xml of `megabytes` MB, nearly all spaces inside one w:t: ~0.3 MB packed."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
            '<w:p><w:r><w:t xml:space="preserve">一、总体情况').encode("utf-8")
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    block = b" " * (1 << 20)

    def chunks():
        yield head
        for _ in range(megabytes):
            yield block
        yield tail
    return _package(stream=chunks())


def laughs_docx() -> bytes:
    """word/document.xml whose DTD defines the billion laughs (10 levels of 10 references)."""
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                       for i in range(1, 10)]
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n' + "\n".join(ents) + "\n]>\n"
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>一、总体情况&lol9;</w:t></w:r></w:p>'
           "</w:body></w:document>")
    return _package(xml.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# .pdf: no text layer, encrypted, truncated, thousands of pages


def _canvas_pdf(draw, pages: int = 1, **kw) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1, **kw)
    for n in range(1, pages + 1):
        draw(c, n)
        c.showPage()
    c.save()
    return out.getvalue()


def scan_pdf() -> bytes:
    """One A4 page that is only a picture of text: a scanned page image (grey bars for its lines)
    over a filled rectangle; no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    scan = Image.new("L", (300, 420), 235)
    pen = ImageDraw.Draw(scan)
    for i in range(26):  # "lines of text" as bars
        pen.rectangle([30, 30 + i * 14, 150 + (i * 37) % 120, 36 + i * 14], fill=40)

    def draw(c, n):
        c.setFillGray(0.85)
        c.rect(40, 40, 515, 762, stroke=0, fill=1)
        c.drawImage(ImageReader(scan), 60, 60, 475, 720)
    return _canvas_pdf(draw)


def encrypted_pdf() -> bytes:
    """The clean report's first lines behind a user password (「user」; owner password 「owner」)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if documents.FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(documents.FONT))
    m = model()
    lines = [f"{m.agency}{m.year}年政府信息公开工作年度报告", "一、总体情况", *m.overview[:2]]

    def draw(c, n):
        c.setFont(documents.FONT, 11)
        for i, text in enumerate(lines):
            c.drawString(56, 780 - i * 24, text[:38])
    enc = pdfencrypt.StandardEncryption("user", "owner", strength=128)
    enc.prepare = _seeded(enc.prepare)
    return _canvas_pdf(draw, encrypt=enc)


def _seeded(prepare):
    """reportlab draws the encryption key from os.urandom: fix it, so the file is the same each time."""
    def wrapped(*args, **kw):
        import os
        real = os.urandom
        os.urandom = lambda n: bytes(range(n))
        try:
            return prepare(*args, **kw)
        finally:
            os.urandom = real
    return wrapped


def many_pages_pdf(pages: int = 3000) -> bytes:
    """`pages` near-empty A4 pages: a page number at the foot of each, nothing else."""
    def draw(c, n):
        c.setFont("Helvetica", 8)
        c.drawCentredString(297, 28, f"- {n} -")
    return _canvas_pdf(draw, pages)


# ---------------------------------------------------------------------------------------------
# LibreOffice conversions


def convert(docx_path: Path, fmt: str, out_dir: Path) -> Path | None:
    """clean.docx → .doc / .odt with soffice --headless (an own profile); None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", work, str(docx_path)], check=True, capture_output=True, timeout=180)
        made = Path(work) / (docx_path.stem + "." + fmt)
        target = out_dir / ("legacy.doc" if fmt == "doc" else "report.odt")
        shutil.copyfile(made, target)
        return target


def write_all(out: Path, soffice: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def put(name: str, data: bytes) -> None:
        (out / name).write_bytes(data)
        written.append(out / name)

    m = model()
    docx_data, docx_where = documents.write_docx(m)
    pdf_data, pdf_where = documents.write_pdf(m)
    put("clean.docx", docx_data)
    put("clean.docx.where.json", where_json(docx_where))
    put("clean.pdf", pdf_data)
    put("clean.pdf.where.json", where_json(pdf_where))
    put("merged.docx", merged_docx()[0])
    put("tracked.docx", tracked_docx())
    put("scan.pdf", scan_pdf())
    put("encrypted.pdf", encrypted_pdf())
    put("truncated.pdf", pdf_data[: len(pdf_data) // 2])
    put("bomb.docx", bomb_docx())
    put("laughs.docx", laughs_docx())
    if soffice:
        for fmt in ("doc", "odt"):
            made = convert(out / "clean.docx", fmt, out)
            if made is not None:
                written.append(made)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-soffice", action="store_true", help="skip legacy.doc and report.odt")
    args = parser.parse_args()
    for path in write_all(args.out, not args.no_soffice):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
