"""Reports of one agency over the years, for the rules across reports (X001–X004): the clean bundled
examples (rules/examples/2021.md, 2019.md) with the year of the title, the 统计期限 and the body moved,
the agency renamed, the carry-over and the stock of documents planted — by default a series whose
every year follows from the one before (no X finding) — and the tables as Word, HTML or PDF."""
from __future__ import annotations

import html
import io
import re

from texts import edit, example

AGENCY = "示例县人力资源和社会保障局"
BASE_YEAR = {"2021": 2023, "2019": 2020}
ROW_ONE = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
CARRY_IN = "| 二、上年结转政府信息公开申请数量 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
CARRY_OUT = "| 四、结转下年度继续办理 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
TOTAL = (10, 2, 0, 0, 0, 0)  # （七）总计 of both examples, per applicant column
RECEIVED = "收到政府信息公开申请12件"
# 表二 第二十条第（一）项, the row that changes: (本年制发, 本年废止, 现行有效) / (新制作, 新公开, 对外公开总数)
STOCK_ROW = {"2021": ("行政规范性文件", (3, 1, 12)), "2019": ("规范性文件", (2, 2, 15))}
# the 2019 表二 rows whose count of items changes: (上一年项目数量, 本年增/减, the rest of the row)
ITEM_ROWS = {"行政许可": (12, -2, "56 |"), "行政处罚": (20, 1, "4 |")}
PERIOD = "本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def row(label: str, values) -> str:
    """A 表三 row of six applicant columns and their 总计."""
    values = list(values)
    return f"| {label} | | " + " | ".join(str(v) for v in values + [sum(values)]) + " |"


def stock_of(year: int, base: str = "2021") -> int:
    """现行有效件数 (2019: 对外公开总数量) of `year` in the default series: each year adds 3 − 1 (2019: 2)."""
    made, gone, stock = STOCK_ROW[base][1]
    return stock + (made - gone if base == "2021" else gone) * (year - BASE_YEAR[base])


def report(year: int, base: str = "2021", agency: str = AGENCY, carry_in=(1, 0, 0, 0, 0, 0),
           carry_out=(1, 0, 0, 0, 0, 0), stock: int | None = None, title_year: bool = True,
           period: bool = True, edits=()) -> str:
    """The `base` example as `agency`'s report on `year`. 表三 stays balanced whatever is carried in
    and out (一 + 二 = （七） + 四: 一 moves with them, and the body's count of applications with it)."""
    text = example(base)
    old = str(BASE_YEAR[base])
    assert text.count(old) == 4, "title, 统计期限 (twice) and body"
    text = text.replace(old, str(year))
    if agency != AGENCY:
        text = edit(text, f"# {AGENCY}{year}", f"# {agency}{year}")
    if not title_year:
        text = edit(text, f"{year}年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    if not period:
        text = edit(text, PERIOD.format(y=year), "")
    new = [t + o - i for t, i, o in zip(TOTAL, carry_in, carry_out)]
    assert min(new) >= 0, new
    text = edit(text, ROW_ONE, row("一、本年新收政府信息公开申请数量", new))
    text = edit(text, RECEIVED, f"收到政府信息公开申请{sum(new)}件")
    text = edit(text, CARRY_IN, row("二、上年结转政府信息公开申请数量", carry_in))
    text = edit(text, CARRY_OUT, row("四、结转下年度继续办理", carry_out))
    label, (a, b, c) = STOCK_ROW[base]
    wanted = stock_of(year, base) if stock is None else stock
    text = edit(text, f"| {label} | {a} | {b} | {c} |", f"| {label} | {a} | {b} | {wanted} |")
    if base == "2019":  # 上一年项目数量 follows last year's and its 本年增/减 (X005)
        for label, (items, change, rest) in ITEM_ROWS.items():
            moved = items + change * (year - BASE_YEAR[base])
            text = edit(text, f"| {label} | {items} | {change} | {rest}", f"| {label} | {moved} | {change} | {rest}")
    for old_text, new_text in edits:
        text = edit(text, old_text, new_text)
    return text


def scaled(text: str, factor: int) -> str:
    """Every count of 表三 and 表四 times `factor` (a report summing `factor` copies of its units')."""
    out, inside = [], False
    for line in text.split("\n"):
        if line.startswith("三、收到和处理政府信息公开申请情况"):
            inside = True
        elif line.startswith("五、"):
            inside = False
        if inside and line.startswith("|"):
            line = re.sub(r"(?<=\| )(\d+)(?= \|)", lambda m: str(int(m.group(1)) * factor), line)
        out.append(line)
    return "\n".join(out)


def at(text: str, line_start: str, value_index: int, labels: int = 2) -> tuple[int, int]:
    """(line, column) of the `value_index`-th value cell (0-based) of the one line starting with
    `line_start`, as a person counts them: 1-based, in code points. A 表三 row's values stand after
    its two label cells, a 表二 row's after one (`labels`)."""
    lines = text.split("\n")
    (number,) = [i for i, line in enumerate(lines, 1) if line.startswith(line_start)]
    line = lines[number - 1]
    starts = [m.start() + 2 for m in re.finditer(r"\| ", line)]
    return number, starts[labels + value_index] + 1


# --- the same report in other formats ---------------------------------------------------------------

def _blocks(text: str):
    """('p', text) and ('table', rows) in order: a Markdown report's paragraphs and pipe tables."""
    rows: list[list[str]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|"):
            rows.append([c.strip() for c in stripped.strip("|").split("|")])
            continue
        if rows:
            yield "table", rows
            rows = []
        if stripped:
            yield "p", stripped.lstrip("#").strip()
    if rows:
        yield "table", rows


def html_from_markdown(text: str) -> str:
    """A published page: <h1> title, <p> paragraphs, <table> with one <tr> a line and one <td> a line
    (so a cell's line in the file is easy to name)."""
    out = ["<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<head>", "<meta charset=\"utf-8\">", "</head>", "<body>"]
    first = True
    for kind, body in _blocks(text):
        if kind == "p":
            out.append(f"<{'h1' if first else 'p'}>{html.escape(body)}</{'h1' if first else 'p'}>")
            first = False
            continue
        out.append("<table border=\"1\">")
        for cells in body:
            out.append("<tr>")
            out += [f"  <td>{html.escape(c)}</td>" for c in cells]
            out.append("</tr>")
        out.append("</table>")
    return "\n".join(out + ["</body>", "</html>", ""])


def pdf_from_markdown(text: str) -> bytes:
    """A PDF with the paragraphs as text and each pipe table as a ruled table (reportlab, the CID font
    STSong-Light: a test-only dependency, as in the PDF reader's tests)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=16, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName=font, fontSize=6, leading=8, wordWrap="CJK")
    story = []
    for kind, content in _blocks(text):
        if kind == "p":
            story.append(Paragraph(content, body))
            continue
        width = max(len(r) for r in content)
        data = [[Paragraph(c, small) if c else "" for c in r + [""] * (width - len(r))] for r in content]
        table = Table(data, colWidths=[(A4[0] - 80) / width] * width)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 6), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=40, rightMargin=40, invariant=1).build(story)
    return out.getvalue()
