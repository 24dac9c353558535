"""Write tests/fixtures/documents/exports/: the seeded report as a word processor exports it to PDF.

    python tools/write_pdf_exports.py [--out DIR]            # needs python-docx and soffice

Agencies publish their reports as PDFs saved from Word or WPS. LibreOffice stands in for them here:
each report is written as a .docx with the official merges (`bench/documents.write_docx`, the model
of tests/fixtures/documents/clean.docx: `layouts.make_model(random.Random(2024))`) and converted
with `soffice --convert-to pdf`. Its PDFs differ from the reportlab ones (clean.pdf) where it
matters: no page footer, a table row broken over a page break (表三's `1.本机关不掌握相` /
`关政府信息`), 表三's header and first rows at the foot of page 1.

| file | the model changed so |
|---|---|
| clean.pdf | nothing |
| total.pdf | 表三 row 一's 总计 132 → 135 |
| blank.pdf | 表三 row 1.本机关不掌握相关政府信息 (the row the page break splits), 科研机构 blank |
| deleted_row.pdf | 表三 row 2.重复申请 left out |
| repeat.pdf | nothing, but 表三's first three rows (its header) marked 标题行重复 (`w:tblHeader`, "repeat as header row"): every continuation page starts with them |
| repeat_total.pdf | as repeat.pdf, and 表三 row （七）总计's 总计 one more (row 27, column 10 in the .docx) |
| garbled.pdf | nothing, but converted where fontconfig knows only the DejaVu fonts: LibreOffice has no Chinese glyph and maps every Chinese character of a font to one (`江江江江2024江江`) |

Unruled tables (`unruled*.pdf`): the example report (tests/texts.example) as python-docx writes it,
tables in its default style (no borders, no merges, equal columns: 表三's label columns wrap each
label over several lines), converted the same way:

| file | the report changed so |
|---|---|
| unruled.pdf | nothing |
| unruled_total.pdf | 表三 row 一's 总计 12 → 15 |
| unruled_blank.pdf | 表三 row 1.本机关不掌握相关政府信息, 商业企业 blank |

LibreOffice stamps each PDF (creation date, document id): the bytes change on every run, the text
and the drawing do not.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import documents  # noqa: E402
import layouts  # noqa: E402
from tests.documents import docx_from_markdown  # noqa: E402
from tests.texts import example  # noqa: E402

OUT = ROOT / "tests/fixtures/documents/exports"
SEED = 2024
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def models() -> dict[str, layouts.Model]:
    clean = layouts.make_model(random.Random(SEED))
    total = clean.copy()
    total.set(("三", "一", "总计"), "135")
    blank = clean.copy()
    blank.set(("三", "三.四.1", "科研机构"), "")
    deleted = clean.copy()
    deleted.dropped.add(("row", "三", "三.五.2"))
    return {"clean": clean, "total": total, "blank": blank, "deleted_row": deleted}


def repeated(total: str | None = None) -> layouts.Model:
    model = layouts.make_model(random.Random(SEED))
    if total is not None:
        model.set(("三", "三.七", "总计"), total)
    return model


def repeat_header(data: bytes) -> bytes:
    """表三's first three rows (its header) repeated at the top of every page it runs over."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    for row in document.tables[1].rows[:3]:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(mark)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def unruled() -> dict[str, str]:
    """The example report's text (markdown tables), clean and with a fault planted."""
    text = example()
    row_one = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
    row_blank = "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |"
    assert row_one in text and row_blank in text
    return {"unruled": text,
            "unruled_total": text.replace(row_one, row_one[:-4] + "15 |"),
            "unruled_blank": text.replace(row_blank, row_blank.replace("| 2 | 1 | 0 |", "| 2 |  | 0 |"))}


def convert(docx: list[Path], out: Path, work: Path, env: dict | None = None) -> None:
    profile = work / ("lo-" + ("plain" if env is None else "dejavu"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docx)], check=True, capture_output=True, env=env, timeout=300)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        written = []
        for name, model in models().items():
            path = work / f"{name}.docx"
            path.write_bytes(documents.write_docx(model)[0])
            written.append(path)
        total = str(int(models()["clean"].table3["三.七"][6]) + 1)
        for name, model in {"repeat": repeated(), "repeat_total": repeated(total)}.items():
            path = work / f"{name}.docx"
            path.write_bytes(repeat_header(documents.write_docx(model)[0]))
            written.append(path)
        for name, text in unruled().items():
            path = work / f"{name}.docx"
            path.write_bytes(docx_from_markdown(text))
            written.append(path)
        convert(written, work, work)
        # the same clean report, converted where LibreOffice finds no Chinese font
        garbled = work / "dejavu" / "garbled.docx"
        garbled.parent.mkdir()
        shutil.copy(work / "clean.docx", garbled)
        conf = work / "fonts.conf"
        conf.write_text(FONTS_CONF.format(cache=work / "fc-cache"), encoding="utf-8")
        convert([garbled], work, work, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        for name in [*models(), "repeat", "repeat_total", *unruled(), "garbled"]:
            shutil.copy(work / f"{name}.pdf", args.out / f"{name}.pdf")
            print(args.out / f"{name}.pdf", (args.out / f"{name}.pdf").stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
