"""X004: two reports of the run claim the same agency and year. Which one is the report is for a
person to say (a configured override, or removing the copy); the comparisons across years skip
that year rather than guess."""
from __future__ import annotations

from ...pipeline.facts import Located
from ._across import CrossFinding, Pointer, ReportSet

PLACEHOLDERS = frozenset({"agency", "year", "others", "count"})


def check_set(rule, reports: ReportSet):
    for facts in reports.linted:
        others = reports.same(facts)
        if not others:
            continue
        at = facts.title or Located(None, "", 1, 1, 1, 1)
        related = [Pointer(o.path, o.title or Located(None, "", 1, 1, 1, 1),
                           f"同一机关同一年度的另一份报告：{o.path}", f"another report of the same agency and year: {o.path}")
                   for o in others]
        agency, year = reports.identity(facts)
        shown = "、".join(o.path for o in others[:3])  # every one is a related location; the message names three
        more = len(others) - 3
        params = {"agency": agency, "year": year,
                  "others": (shown + f" 等 {len(others)} 份", shown + f" and {more} more") if more > 0 else shown,
                  "count": len(others) + 1}
        yield CrossFinding(facts.path, at, params, related, logical="title")
