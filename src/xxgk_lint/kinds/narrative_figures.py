"""C005: a figure stated in the prose (收到申请N件, 结转下年度N件, 行政复议N件 …) contradicts the table.

Each YAML `figures` entry is a pattern with a named group `n` and the cells whose sum it states
(`equals_any`: alternatives, e.g. 受理 = 新收, or 新收 + 上年结转). Every match in the prose is
checked; a figure whose cells are not all aligned is not checked.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Finding, Related, Span
from ._common import cell_name, fmt, number, selected


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_FIGURE = re.compile(r"\d\s*(?:件|起)|(?:件|起)[^。,]{0,14}行政")  # states some count: worth the patterns


def _sum(report, alternative: dict):
    table = report.tables.get(alternative["table"])
    if table is None:
        return None
    spec = table.spec
    rows = selected([r.id for r in spec.value_rows], alternative.get("rows"))
    cols = selected([c.id for c in spec.columns], alternative.get("columns"))
    cells = [(r, c, table.cell(r, c)) for r in rows for c in cols]
    if not cells or any(cell is None or number(cell) is None for _, _, cell in cells):
        return None
    return sum(number(cell) for _, _, cell in cells), [(table, r, c, cell) for r, c, cell in cells]


def check(rule, report):
    figures = rule.options["figures"]
    seen: dict[str, int] = {}  # occurrences per figure: a logical location that survives line shifts
    tables = set().union(*(t.lines() for t in report.tables.values()))  # prose is what the tables are not
    for line in report.doc.lines:
        if line.number in tables or not _FIGURE.search(line.text):
            continue
        for figure in figures:
            for match in _compiled(figure["pattern"]).finditer(line.text):
                stated = int(match.group("n"))
                seen[figure["what"]] = seen.get(figure["what"], 0) + 1
                sums = [s for s in (_sum(report, alt) for alt in figure["equals_any"]) if s is not None]
                if not sums or any(total == stated for total, _ in sums):
                    continue
                total, cells = sums[0]
                span = Span(line.number, match.start("n") + 1, line.number, match.end("n") + 1)
                related = [Related(c.span.line, c.span.column, f"{cell_name(t, r, col)[0]} = {c.raw or '空白'}",
                                   f"{cell_name(t, r, col)[1]} = {c.raw or 'blank'}") for t, r, col, c in cells]
                yield Finding(span, {"what": figure["what"], "what_en": figure.get("what_en", figure["what"]),
                                     "stated": stated, "table": fmt(total)},
                              related, logical=f"narrative/{figure['what']}/{seen[figure['what']]}")
