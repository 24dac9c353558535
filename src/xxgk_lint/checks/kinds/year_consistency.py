"""Y001: the title year, the 统计期限 year, the year of the report's name where the text cites it
(「本报告是……编制的《……2020年政府信息公开工作年度报告》」) and the year the body speaks of agree;
dates are well formed. One finding per wrong statement: a title and a citation that agree with each
other but not with the 统计期限 are one disagreement, reported once."""
from __future__ import annotations

import re
from collections import Counter

from ...model import Edit, Finding, Related, Span

PLACEHOLDERS = frozenset({"a", "a_en", "b", "b_en", "year_a", "year_b", "date"})


# a year the applications are carried over to (「结转至2024年继续办理」) is the next year by design
_CARRIED_TO = re.compile(r"(?:结转|转入|转至|延续|顺延|推迟|留待)(?:至|到|入)?$")


def _body_year(report, stated: set[int]):
    """The year part 一 speaks of most (publication dates, with a month, are not counted; nor a year
    applications are carried over to). Where years tie, one the report states is the one it speaks
    of: 「2023年……除1件转至2024年办理外」 is no report on 2024."""
    part = report.sections.get("一")
    if part is None:
        return None
    mentions = [m for m in report.metadata.years if part.start_line <= m.span.line <= part.end_line
                and not _CARRIED_TO.search(report.doc.line(m.span.line).text[max(0, m.span.column - 5):m.span.column - 1])]
    if not mentions:
        return None
    counts = Counter(m.year for m in mentions)
    year = max(counts, key=lambda y: (counts[y], y in stated, y))
    return next(m for m in mentions if m.year == year)


_TITLE, _PERIOD, _BODY = ("标题", "title"), ("统计期限", "statistics period"), ("正文", "body")
_CITATION = ("正文所引本报告名称", "report's own name as cited in the text")


def _mismatch(at, at_names, other, other_names, logical, related=()):
    return Finding(at.span, {"a": other_names[0], "a_en": other_names[1], "b": at_names[0], "b_en": at_names[1],
                             "year_a": other.year, "year_b": at.year},
                   [Related(m.span.line, m.span.column, f"{zh}：{m.year}年", f"{en}: {m.year}",
                            m.span.end_line, m.span.end_column) for m, (zh, en) in related],
                   logical=logical, variant="mismatch")


def check(rule, report):
    meta = report.metadata
    title, period, cited = meta.title_year, meta.period_year, meta.cited_years
    body = _body_year(report, {m.year for m in (title, period, *cited) if m is not None})
    if title and period and title.year != period.year:
        # at the odd one out: the title when the report's other words side with the 统计期限
        others = [m.year for m in (body, *cited) if m is not None]
        if period.year in others and title.year not in others:
            yield _mismatch(title, _TITLE, period, _PERIOD, "year/title", [(period, _PERIOD)])
        else:
            yield _mismatch(period, _PERIOD, title, _TITLE, "year/period")
    said = [(m, names) for m, names in ((period, _PERIOD), (title, _TITLE)) if m]
    # each citation of the report's own name that agrees with neither: at the citation (with what it
    # disagrees with, the 统计期限 first); one agreeing with either adds nothing to the above
    for n, mention in enumerate(cited, 1):
        if said and not any(m.year == mention.year for m, _ in said):
            yield _mismatch(mention, _CITATION, *said[0], f"year/citation/{n}", said)
    # the body: only when it speaks of a year no statement gives (else the statements' finding says it)
    statements = said[::-1] + [(m, _CITATION) for m in cited]  # the title first, as the message names it
    if statements and body and not any(m.year == body.year for m, _ in statements):
        yield _mismatch(body, _BODY, *statements[0], "year/body")
    for span in meta.malformed_dates:
        text = report.doc.line(span.line).raw[span.column - 1:span.end_column - 1]
        yield Finding(span, {"date": text}, logical=f"date/{text}", variant="malformed", fix=_dated(span, text))


def _dated(span, text: str):
    """20231月1日 → 2023年1月1日: a year is four digits, so the month is what follows them — the one
    reading, the safe fix. 2023年13月 (a month that does not exist) is a person's to mend."""
    if _RUN_TOGETHER.fullmatch(text) is None:
        return None
    at = span.column + 4
    return [Edit(Span(span.line, at, span.line, at), "年")]


_RUN_TOGETHER = re.compile(r"20\d\d\d{1,2}月\d{1,2}日")

