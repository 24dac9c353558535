"""Word's automatic numbering, written out as Word shows it: a part heading numbered by a list or by
its heading style reads "一、总体情况", not "总体情况" (the number is not in the paragraph's text).

From `word/numbering.xml` (levels: start, format, text such as "%1、") and `word/styles.xml` (a style's
numbering, through `basedOn`); counters per list, a level's count restarting the levels below it.
Formats a report uses are written (decimal, Chinese counting, circled, letters, Roman, 甲乙丙);
a bullet or an unknown format gives no text rather than a guess.
"""
from __future__ import annotations

import posixpath

_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(elem, name: str) -> str | None:
    if elem is None:
        return None
    return next((v for k, v in elem.attrib.items() if local(k) == name), None)


def _child(elem, name: str):
    return None if elem is None else next((c for c in elem if local(c.tag) == name), None)


def _number(value: str | None, default: int = 0) -> int:
    try:
        return max(-1, min(int(value), 10_000)) if value is not None else default
    except ValueError:
        return default


def chinese(n: int) -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ((_DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (_DIGITS[ones] if ones else "")) or "〇"


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while 0 < n and value <= n < 4000:
            out += letters
            n -= value
    return out or str(n)


def letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def formatted(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n).translate(str.maketrans("〇一二三四五六七八九十", _LEGAL + "拾"))
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        return letter(n) if fmt == "upperLetter" else letter(n).lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimal", "decimalZero", "decimalHalfWidth", ""):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    return ""  # bullet, none, or a format no report uses: no text rather than a guess


Level = tuple[int, str, str]  # (start, format, text such as "%1、")


def _level(lvl) -> Level:
    return (_number(_attr(_child(lvl, "start"), "val"), 1), _attr(_child(lvl, "numFmt"), "val") or "decimal",
            _attr(_child(lvl, "lvlText"), "val") or "")


class Numbering:
    """Lists as Word counts them: one counter per abstract list, shared by the lists (`w:num`) built on
    it; a list that overrides a level's start (`w:startOverride`, Word's "restart at 1") restarts it
    when it is first used; a list may override whole levels (`w:lvlOverride/w:lvl`); an abstract list
    defined by a list style (`w:numStyleLink`) takes that style's list's levels."""

    def __init__(self, levels: dict[str, dict[int, Level]], nums: dict[str, str],
                 overrides: dict[tuple[str, int], tuple[int | None, Level | None]],
                 styles: dict[str, tuple[str | None, str | None, str | None]]) -> None:
        self.levels = levels  # abstractNumId → ilvl → level
        self.nums = nums  # numId → abstractNumId
        self.overrides = overrides  # (numId, ilvl) → (start override, whole level override)
        self.styles = styles  # styleId → (numId, ilvl, basedOn)
        self.counts: dict[str, list[int | None]] = {}
        self.used: set[str] = set()  # lists counted so far (a start override applies at a list's first use)

    @classmethod
    def read(cls, data: bytes, main: str, unpack, parse_xml) -> "Numbering":
        folder = posixpath.dirname(main)
        levels: dict = {}
        links: dict = {}  # abstractNumId → the list style it takes its levels from
        nums: dict = {}
        overrides: dict = {}
        styles: dict = {}
        xml = unpack(data, posixpath.join(folder, "numbering.xml"))
        if xml is not None:
            for elem in parse_xml(xml, "numbering.xml"):
                name = local(elem.tag)
                if name == "abstractNum":
                    abstract = _attr(elem, "abstractNumId")
                    own = levels.setdefault(abstract, {})
                    for lvl in elem:
                        if local(lvl.tag) == "lvl":
                            own[_number(_attr(lvl, "ilvl"))] = _level(lvl)
                        elif local(lvl.tag) == "numStyleLink":
                            links[abstract] = _attr(lvl, "val")
                elif name == "num":
                    num = _attr(elem, "numId")
                    nums[num] = _attr(_child(elem, "abstractNumId"), "val")
                    for over in elem:
                        if local(over.tag) == "lvlOverride":
                            start, lvl = _child(over, "startOverride"), _child(over, "lvl")
                            overrides[(num, _number(_attr(over, "ilvl")))] = (
                                None if start is None else _number(_attr(start, "val"), 1),
                                None if lvl is None else _level(lvl))
        xml = unpack(data, posixpath.join(folder, "styles.xml"))
        if xml is not None:
            for style in parse_xml(xml, "styles.xml"):
                if local(style.tag) == "style":
                    numpr = _child(_child(style, "pPr"), "numPr")
                    styles[_attr(style, "styleId")] = (
                        _attr(_child(numpr, "numId"), "val"), _attr(_child(numpr, "ilvl"), "val"),
                        _attr(_child(style, "basedOn"), "val"))
        for abstract, style in links.items():  # a list style's list lends its levels
            linked = nums.get(styles.get(style, (None,))[0])
            if not levels.get(abstract) and linked in levels:
                levels[abstract] = levels[linked]
        return cls(levels, nums, overrides, styles)

    def _style_numbering(self, style: str | None) -> tuple[str | None, str | None]:
        for _ in range(10):  # basedOn chains are short; a loop in a hostile file ends here
            if style not in self.styles:
                break
            num, ilvl, based = self.styles[style]
            if num is not None:
                return num, ilvl
            style = based
        return None, None

    def _level(self, num: str, abstract: str, ilvl: int) -> Level | None:
        whole = self.overrides.get((num, ilvl), (None, None))[1]
        return whole or self.levels[abstract].get(ilvl)

    def label(self, p) -> str:
        """The number Word shows before paragraph `p` ("" when it has none), counting it."""
        if not self.nums:
            return ""
        ppr = _child(p, "pPr")
        numpr = _child(ppr, "numPr")
        num, ilvl = _attr(_child(numpr, "numId"), "val"), _attr(_child(numpr, "ilvl"), "val")
        if num is None:
            style_num, style_ilvl = self._style_numbering(_attr(_child(ppr, "pStyle"), "val"))
            num, ilvl = style_num, ilvl or style_ilvl
        abstract = self.nums.get(num)
        if num in (None, "0") or abstract not in self.levels:
            return ""
        level = max(0, min(_number(ilvl), 8))
        own = self._level(num, abstract, level)
        if own is None:
            return ""
        counts = self.counts.setdefault(abstract, [None] * 9)
        if num not in self.used:  # a list restarting its levels ("restart at 1") does so at its first use
            self.used.add(num)
            for k in range(9):
                if self.overrides.get((num, k), (None,))[0] is not None:
                    counts[k] = None
        start = self.overrides.get((num, level), (None,))[0]
        counts[level] = (start if start is not None else own[0]) if counts[level] is None else counts[level] + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None
        text = own[2]
        for k in range(level + 1):
            kept = self._level(num, abstract, k) or (1, "decimal", "")
            shown = counts[k] if counts[k] is not None else kept[0]
            text = text.replace(f"%{k + 1}", formatted(shown, kept[1]))
        return text if not text or not text[-1].isalnum() else text + " "
