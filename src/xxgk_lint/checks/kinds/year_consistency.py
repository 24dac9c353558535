"""Y001: the title year, the 统计期限 year and the year the body speaks of agree; dates are well formed."""
from __future__ import annotations

from collections import Counter

from ...model import Finding

PLACEHOLDERS = frozenset({"a", "a_en", "b", "b_en", "year_a", "year_b", "date"})


def _body_year(report):
    """The year part 一 speaks of most (publication dates, with a month, are not counted)."""
    part = report.sections.get("一")
    if part is None:
        return None
    mentions = [m for m in report.metadata.years if part.start_line <= m.span.line <= part.end_line]
    if not mentions:
        return None
    counts = Counter(m.year for m in mentions)
    year = max(counts, key=lambda y: (counts[y], y))
    return next(m for m in mentions if m.year == year)


def check(rule, report):
    meta = report.metadata
    title, period, body = meta.title_year, meta.period_year, _body_year(report)
    if title and period and title.year != period.year:
        yield Finding(period.span, {"a": "标题", "a_en": "title", "b": "统计期限", "b_en": "statistics period",
                                    "year_a": title.year, "year_b": period.year},
                      logical="year/period", variant="mismatch")
    reference = title or period
    if reference and body and body.year != reference.year:
        which = ("标题", "title") if title else ("统计期限", "statistics period")
        yield Finding(body.span, {"a": which[0], "a_en": which[1], "b": "正文", "b_en": "body",
                                  "year_a": reference.year, "year_b": body.year},
                      logical="year/body", variant="mismatch")
    for span in meta.malformed_dates:
        text = report.doc.line(span.line).raw[span.column - 1:span.end_column - 1]
        yield Finding(span, {"date": text}, logical=f"date/{text}", variant="malformed")
