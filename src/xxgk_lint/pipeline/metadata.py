"""The report's title, its years (title, 统计期限, body) and malformed dates — with positions."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

from ..model import Document, Line, Span
from ..speed import Record

_MAX_TITLE = 60
_TITLE_LINES = 3
_TITLE = re.compile(r"(?:年度报告|年报)")
_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_ANY_YEAR = re.compile(r"(20\d\d)\s*年")
_PERIOD = re.compile(r"统计(?:期限|周期|时段|时间)?[^。\n]{0,24}?(?P<year>20\d\d)\s*年\s*1\s*月\s*1\s*日")
# 20231月1日, 2023年13月: a year run into its month, or a month that does not exist. (Written to
# open with the literal `20`, the "no digit before it" test after it: the regex engine then jumps
# from one `20` to the next instead of trying the lookbehind at every character — 20 times faster.)
_MALFORMED = re.compile(r"20(?<!\d20)(?:\d\d(?:1[0-2]|0?[1-9])月\d{1,2}日|\d\d年(?:1[3-9]|[2-9]\d|0)月)")
# 《……2020年政府信息公开工作年度报告》: a citation whose name is an annual report of some year (the
# name may wrap onto the next line, as PDF extraction leaves it). Whether it is the report's own
# name is decided by the sentence around it (`_names_itself`).
_REPORT_NAME = r"\s*".join("政府信息公开") + r"\s*(?:工\s*作\s*)?年\s*度\s*报\s*告"
_CITED = re.compile(r"《[^《》。;\n]{0,40}(?:\n[^《》。;\n]{0,40})?(?<!\d)(?P<year>20\d\d)\s*年\s*度?"
                    + _REPORT_NAME + r"\s*》")
_SENTENCE_END = re.compile(r"[。;!?]")
# 「本报告是根据……编制的《……》」: the report says what it is
_SELF = re.compile(r"本(?:年度)?报告\s*(?:是|为|系|即)")
# 「现将《……》予以公布」「特向社会公布《……》」: before the first part, the report publishing itself
_PUBLISHES = re.compile(r"(?:编制|公布|发布|印发)(?:的|如下)?\s*$")  # not 发布了: an earlier publication
# another report the sentence names as a model or a basis, not itself: 「在《……》的基础上」「按《……》格式」
_BORROWED_BEFORE = re.compile(r"(?:在|参照|对照|参考|依照|按照|和|及|与)\s*$")
_BORROWED_AFTER = re.compile(r"^\s*(?:的)?(?:基础|格式|体例|模板|框架|要求|为基础|为参照|为模板)")
_PUBLISHED = re.compile(r"^\s*(?:予以|现予|如下)?\s*(?:公布|发布|印发)")
# …unless the sentence speaks of an earlier year's report
_EARLIER = re.compile(r"上一?(?:个)?年度?|去年|往年|以往|此前|历年")


class YearMention(Record):
    __slots__ = ("year", "span")

    def __init__(self, year: int, span: Span) -> None:
        self.year = year
        self.span = span


class Metadata(Record):
    __slots__ = ("year", "title_span", "title_text", "title_year", "period_year", "years", "malformed_dates",
                 "cited_years")

    def __init__(self, year: int | None, title_span: Span | None, title_text: str = "",
                 title_year: YearMention | None = None, period_year: YearMention | None = None,
                 years: list[YearMention] | None = None, malformed_dates: list[Span] | None = None,
                 cited_years: list[YearMention] | None = None) -> None:
        self.year = year  # the statistics year the report is about
        self.title_span = title_span
        self.title_text = title_text  # the title lines joined
        self.title_year = title_year
        self.period_year = period_year
        self.years = [] if years is None else years  # every 20XX年 not followed by a month
        self.malformed_dates = [] if malformed_dates is None else malformed_dates
        # the year of each place the text names the report itself (《……2020年政府信息公开工作年度报告》)
        self.cited_years = [] if cited_years is None else cited_years


def _span_of(line: Line, start: int, end: int) -> Span:
    return Span(line.number, start + 1, line.number, end + 1)


def _title_lines(doc: Document, first_heading_line: int) -> list[Line]:
    """Up to three lines ending in 年度报告, before the first part heading."""
    limit = min(first_heading_line - 1, 12) if first_heading_line else 12
    head = [line for line in doc.lines[:max(limit, 0)] if line.text.strip()]
    for i, line in enumerate(head):
        text = line.text.strip()
        # a sentence (「本报告是……编制的《……年度报告》。」) is no title, even a short one
        if len(text) <= _MAX_TITLE and _TITLE.search(text) and "。" not in text:
            lines = [line]
            for prev in reversed(head[max(0, i - _TITLE_LINES + 1):i]):
                if len(prev.text.strip()) > _MAX_TITLE or re.search(r"[。;]$", prev.text.strip()):
                    break
                lines.insert(0, prev)
            if "政府信息公开" in "".join(l.text for l in lines):
                return lines
    return []


def read_metadata(doc: Document, first_heading_line: int) -> Metadata:
    title = _title_lines(doc, first_heading_line)
    title_span = None
    title_year = None
    if title:
        last = title[-1]
        stripped = last.text.strip()
        col = last.text.index(stripped)
        title_span = _span_of(last, col, col + len(stripped))
        for line in title:
            match = _ANY_YEAR.search(line.text)
            if match:
                title_year = YearMention(int(match.group(1)), _span_of(line, match.start(1), match.end(1)))
                break
    # one scan of the whole text per pattern (not one per line); offsets → lines by bisection
    texts = [line.text for line in doc.lines]
    text = "\n".join(texts)
    starts = list(accumulate([len(t) + 1 for t in texts[:-1]], initial=0))

    def span(start: int, end: int) -> Span:
        number = bisect_right(starts, start)
        return Span(number, start - starts[number - 1] + 1, number, end - starts[number - 1] + 1)

    match = _PERIOD.search(text)
    period_year = YearMention(int(match.group("year")), span(match.start("year"), match.end("year"))) \
        if match else None
    years = [YearMention(int(m.group(1)), span(m.start(1), m.end(1))) for m in _YEAR.finditer(text)]
    malformed = [span(m.start(), m.end()) for m in _MALFORMED.finditer(text)]
    title_lines = {line.number for line in title}
    preamble_end = starts[first_heading_line - 1] if 0 < first_heading_line <= len(starts) \
        else starts[min(len(starts), 12) - 1] if starts else 0
    cited = [] if "》" not in text else [  # (a cheap test first: many texts cite nothing)
        YearMention(int(m.group("year")), span(m.start("year"), m.end("year"))) for m in _CITED.finditer(text)
        if _names_itself(text, m.start(), m.end(), m.start() < preamble_end)]
    cited = [c for c in cited if c.span.line not in title_lines]
    if title_year or period_year or cited:
        year = (title_year or period_year or cited[0]).year
    elif years:
        counts = Counter(m.year for m in years)
        year = max(counts, key=lambda y: (counts[y], y))
    else:
        year = None
    return Metadata(year, title_span, "".join(l.text.strip() for l in title), title_year,
                    period_year, years, malformed, cited)


def _names_itself(text: str, start: int, end: int, in_preamble: bool) -> bool:
    """Is the citation at text[start:end] the report naming itself? Its sentence says so: 「本报告是
    ……《……》」, or, before the first part, 「特向社会公布《……》」「现将《……》予以公布」 — and the
    sentence does not speak of an earlier year's report (「上年度《……》」)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    stop = _SENTENCE_END.search(text, end)
    before, after = text[begin:start], text[end:stop.start() if stop else len(text)]
    if _EARLIER.search(before) or _BORROWED_BEFORE.search(before) or _BORROWED_AFTER.match(after):
        return False
    if _SELF.search(before):
        return True
    return in_preamble and bool(_PUBLISHES.search(before) or (before.rstrip().endswith("现将") and _PUBLISHED.search(after)))
