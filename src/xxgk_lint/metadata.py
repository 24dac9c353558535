"""The report's title and statistics year."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Document, Span

_MAX_TITLE = 60
_TITLE = re.compile(r"(?:年度报告|年报)")
_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_PERIOD = re.compile(r"统计(?:期限|周期|时段|时间)?[^。]{0,24}?(20\d\d)\s*年\s*1\s*月\s*1\s*日")


@dataclass
class Metadata:
    year: int | None
    year_source: str  # title | period | text | none
    title_span: Span | None


def _title_lines(doc: Document, first_heading_line: int) -> list:
    limit = min(first_heading_line - 1, 12) if first_heading_line else 12
    return [line for line in doc.lines[:max(limit, 0)] if line.text.strip()]


def read_metadata(doc: Document, first_heading_line: int) -> Metadata:
    head = _title_lines(doc, first_heading_line)
    for i, line in enumerate(head):
        if len(line.text.strip()) <= _MAX_TITLE and _TITLE.search(line.text) and "政府信息公开" in "".join(l.text for l in head[max(0, i - 1):i + 1]):
            years = _YEAR.findall(line.text) or (_YEAR.findall(head[i - 1].text) if i else [])
            stripped = line.text.strip()
            col = line.text.index(stripped) + 1
            span = Span(line.number, col, line.number, col + len(stripped))
            if years:
                return Metadata(int(years[0]), "title", span)
            title_span = span
            break
    else:
        title_span = None
    text = "\n".join(line.text for line in doc.lines)
    period = _PERIOD.search(text)
    if period:
        return Metadata(int(period.group(1)), "period", title_span)
    counts = Counter(int(y) for y in _YEAR.findall(text))
    if counts:
        year = max(counts, key=lambda y: (counts[y], y))
        return Metadata(year, "text", title_span)
    return Metadata(None, "none", title_span)
