"""A PDF page's text lines (outside its data tables) → the lines the pipeline reads: page headers,
footers and page numbers dropped, a paragraph wrapped over several lines (and over a page break)
joined into one line, words far apart kept apart (a space; a tab where the gap is a column's).

Every character keeps the `Place(page, page_line)` of the line it was printed on: `page_line` is
the 1-based index of the line among all the lines pdfplumber finds on the page, top to bottom, so a
person counting lines on the page finds it (table rows and dropped footers are counted too).

`Fonts` tells a text layer that does not decode to real text: a font whose Chinese characters are
all one or a few (`江江江江2024江江`, exported without a Chinese font).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ...model import Place
from ...speed import Record

SPACE_GAP = 0.2  # a gap wider than this × the font size between two characters is a space
TAB_GAP = 1.5  # … wider than this: a column gap (an unruled table), written as a tab
MARGIN = 0.12  # the top and bottom bands of a page (× its height) where page numbers stand
HEADER = 0.075  # … where running headers and footers stand (Word puts them ~1.5 cm from the edge)
SHORT = 40  # characters: a running header or footer is no longer
# a font whose Chinese characters are at least GARBLED_MIN and at most GARBLED_DISTINCT distinct ones
# does not decode to real text: a page of a report holds ~300 distinct ones in ~1,000; a font without
# Chinese glyphs whose Unicode map gives them all one character (`江江江`) holds 1
GARBLED_MIN, GARBLED_DISTINCT = 20, 3
GARBLED = ("the PDF's text layer does not decode to real text (fonts without a correct Unicode map)",
           "PDF 的文字层无法解码为真实文字（字体缺少正确的 Unicode 映射）")

# Kangxi radicals and CJK radical supplements: Chinese PDFs print `⾏` (U+2F8F) for `行`.
_RADICALS = {}
for _cp in [*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FE0)]:
    _folded = unicodedata.normalize("NFKC", chr(_cp))
    if len(_folded) == 1 and _folded != chr(_cp):
        _RADICALS[chr(_cp)] = _folded


def sideways(ch: dict) -> int:
    """Is a character not set upright? 0: upright (italic's slant too), 1: turned a little or
    upside down (a diagonal watermark, a stamp), 2: turned a quarter (a table set sideways on a
    portrait page without the page's /Rotate): its text reads in the wrong order, it is not read."""
    a, b = (ch.get("matrix") or (1, 0))[:2]
    if ch.get("upright", True) and a > 0 and abs(b) <= 0.1 * a:
        return 0
    return 2 if abs(b) > 3 * abs(a) else 1


def fold_radicals(text: str) -> str:
    """Kangxi radicals → the ideographs they look like, one character for one (places stay put)."""
    if not any("\u2e80" <= ch <= "\u2fdf" for ch in text):
        return text
    return "".join(_RADICALS.get(ch, ch) for ch in text)


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_－·\s]*\d{1,4}[-—–_－·\s]*"  # 5, - 5 -, — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页, 第 3 页 共 5 页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/5
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.IGNORECASE)  # Page 3 of 5
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]"  # 一、总体情况
                      r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"  # （二）……
                      r"|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d)"  # 1、 1.
                      r"|第[一二三四五六七八九十]{1,3}[章节部分条])")


class TextLine(Record):
    __slots__ = ("page", "number", "text", "places", "x0", "x1", "top", "bottom", "size", "tabbed", "furniture")

    def __init__(self, page: int, number: int, text: str, places: list[Place], box: tuple, size: float,
                 tabbed: bool) -> None:
        self.page = page
        self.number = number  # 1-based among all the page's lines
        self.text = text
        self.places = places  # one per character
        self.x0, self.x1, self.top, self.bottom = box
        self.size = size  # the font size of most of its characters
        self.tabbed = tabbed  # holds a column gap: a row of an unruled table, never joined
        self.furniture = False  # a page header, footer or page number: not given out


def text_line(page: int, number: int, line: dict) -> TextLine | None:
    """pdfplumber's line (from `extract_text_lines`) → its text from its characters, with a space
    where a gap is wider than SPACE_GAP em and a tab where it is wider than TAB_GAP em."""
    place = Place(page=page, page_line=number)
    out: list[str] = []
    prev = None
    spaced = tabbed = False
    sizes: Counter = Counter()
    for ch in line.get("chars") or ():
        text = ch.get("text") or ""
        if not text.strip():
            spaced = True
            continue
        size = float(ch.get("size") or 0) or 10.0
        sizes[round(size, 1)] += 1
        if prev is not None:
            gap = float(ch["x0"]) - float(prev["x1"])
            em = max(size, float(prev.get("size") or 0) or 10.0)
            if gap > TAB_GAP * em:
                out.append("\t")
                tabbed = True
            elif spaced or gap > SPACE_GAP * em:
                out.append(" ")
        out.extend(text)
        prev = ch
        spaced = False
    if not out:
        return None
    body = "".join(out)
    box = (float(line["x0"]), float(line["x1"]), float(line["top"]), float(line["bottom"]))
    return TextLine(page, number, body, [place] * len(body), box, sizes.most_common(1)[0][0], tabbed)


def mark_furniture(pages: list[list[TextLine]], heights: list[float]) -> None:
    """Mark page numbers (`- 5 -`, `第 3 页`, `3/5`, a bare number) standing first or last on a page
    in its top or bottom band, and lines repeated at the same place in those bands on two pages or
    more (a running header on some pages only: not on the first, 首页不同; a two-page report)."""
    def in_band(line: TextLine, height: float, band: float = MARGIN) -> bool:
        return line.bottom <= height * band or line.top >= height * (1 - band)

    for lines, height in zip(pages, heights):
        if not lines:
            continue
        for line in {id(lines[0]): lines[0], id(lines[-1]): lines[-1]}.values():
            if in_band(line, height) and _PAGE_NUMBER.match(line.text.strip()):
                line.furniture = True
    seen: Counter = Counter()
    for lines, height in zip(pages, heights):
        seen.update({_key(line) for line in lines if in_band(line, height, HEADER) and len(line.text) <= SHORT})
    often = {key for key, count in seen.items() if count >= 2}
    for lines, height in zip(pages, heights):
        for line in lines:
            if in_band(line, height, HEADER) and _key(line) in often:
                line.furniture = True


def footnote(line: TextLine, height: float, body: float) -> bool:
    """A footnote (`① 本表数据由…汇总。`): in the page's bottom band, in a smaller font than the body's."""
    return line.top >= height * (1 - MARGIN) and 0 < line.size < body - 0.5


def _key(line: TextLine) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.replace(" ", "")), round(line.top / 6)


class Measure(Record):
    """The body text's left and right edges: the most common starts and ends of long lines, widened
    to margins as wide on both sides of the page (a report of one-line paragraphs all indented
    alike shows neither edge by itself); and its font size, the most common of long lines."""

    __slots__ = ("left", "right", "size")

    def __init__(self, lines: list[TextLine], width: float) -> None:
        long = [line for line in lines if not line.tabbed and len(line.text) >= 12] or lines
        left = Counter(round(line.x0) for line in long).most_common(1)[0][0] if long else 0
        right = Counter(round(line.x1) for line in long).most_common(1)[0][0] if long else width
        self.left = min(left, width - right)
        self.right = max(right, width - left)
        self.size = Counter(line.size for line in long).most_common(1)[0][0] if long else 0.0

    def centred(self, line: TextLine, em: float) -> bool:
        return abs((line.x0 + line.x1) - (self.left + self.right)) / 2 <= em


def joins(prev: TextLine, line: TextLine, measure: Measure) -> bool:
    """Does `line` continue the paragraph `prev` ends? Not at a first-line indent, after a line
    clearly shorter than the text width, at a heading (`一、`, `（二）`, `1.`), a change of font
    size, a wide vertical gap, a page without text between, or a row of an unruled table. A title
    (larger than the body text, centred) filling the width goes on in its centred last line."""
    if prev.tabbed or line.tabbed or _HEADING.match(line.text) or abs(prev.size - line.size) > 1:
        return False
    em = max(line.size, 1.0)
    if prev.x1 < measure.right - 1.5 * em:
        return False
    if line.x0 > measure.left + 0.8 * em:  # indented: a new paragraph, unless a title's last line
        title = line.size >= measure.size + 2 and measure.centred(prev, em) and measure.centred(line, em)
        return title and line.page == prev.page and line.top - prev.bottom <= 1.5 * em
    if line.page == prev.page + 1:  # over a page break: the footer and header between are dropped
        return True
    return line.page == prev.page and line.top - prev.bottom <= 1.5 * em


def separator(before: str, after: str) -> str:
    """What joins two wrapped pieces: nothing beside a CJK character, else a space (`word\nword`)."""
    if not before or not after:
        return ""
    a, b = before[-1], after[0]
    return " " if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() else ""


def join_cell(text: str) -> str:
    """A cell's wrapped lines (`商业\n企业`, a vertical `三\n、\n本…`) → one line."""
    out = ""
    for piece in text.split("\n"):
        piece = piece.strip()
        if piece:
            out = out + separator(out, piece) + piece if out else piece
    return out


class Fonts:
    """The Chinese characters of each font of a PDF: how many, which (GARBLED_DISTINCT + 1 at most),
    on which pages. A font whose characters are nearly all one (an exporter without a Chinese font,
    a broken Unicode map: `江江江江2024江江`) holds no real text."""

    __slots__ = ("uses",)

    def __init__(self) -> None:
        self.uses: dict[str, tuple[list[int], set[str], set[int]]] = {}  # font → ([count], distinct, pages)

    def add(self, font: str, text: str, page: int) -> None:
        use = self.uses.get(font)
        if use is None:
            use = self.uses[font] = ([0], set(), set())
        use[0][0] += 1
        use[2].add(page)
        if len(use[1]) <= GARBLED_DISTINCT:
            use[1].add(text)

    def garbled(self) -> tuple[bool, list[int]]:
        """(do such fonts hold most of the Chinese characters, the pages where they are)."""
        bad = [use for use in self.uses.values() if use[0][0] >= GARBLED_MIN and len(use[1]) <= GARBLED_DISTINCT]
        total = sum(use[0][0] for use in self.uses.values())
        pages = sorted(set().union(*(use[2] for use in bad))) if bad else []
        return bool(bad) and 2 * sum(use[0][0] for use in bad) >= total, pages
