"""S002: parts in order, once each, numbered as the template numbers them."""
from __future__ import annotations

from ..model import Finding


def check(rule, report):
    order = [s.id for s in report.template.sections]
    seen: dict[str, int] = {}
    highest = -1
    for heading in report.headings:
        sid = heading.section_id
        params = {"number": sid, "written": heading.number or "", "title": report.template.section_title(sid)}
        logical = f"part/{sid}"
        if sid in seen:
            yield Finding(heading.span, {**params, "first_line": seen[sid]}, logical=logical, variant="duplicate")
            continue
        seen[sid] = heading.span.line
        if heading.number is None:
            yield Finding(heading.span, params, logical=logical, variant="unnumbered")
        elif heading.number != sid:
            yield Finding(heading.number_span, params, logical=logical, variant="misnumbered")
        elif order.index(sid) < highest:
            yield Finding(heading.span, params, logical=logical, variant="out-of-order")
        highest = max(highest, order.index(sid))
