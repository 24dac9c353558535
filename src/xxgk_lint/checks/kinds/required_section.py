"""S001: every part of the template has its heading."""
from __future__ import annotations

from ...model import Finding, Span
from ._common import Context, check_parts, selected

PLACEHOLDERS = frozenset({"number", "title"})


def prepare(options: dict, context: Context) -> list[str] | None:
    check_parts(options.get("sections", []), ["sections"], context)
    return options.get("sections")


def check(rule, report):
    order = [s.id for s in report.template.sections]
    for sid in selected(order, rule.prepared):
        if sid in report.sections:
            continue
        chosen = report.outline.chosen
        later = [h for h in chosen if order.index(h.section_id) > order.index(sid)]
        span = later[0].span if later else (chosen[-1].span if chosen else Span.at(1, 1))
        title = report.template.section_title(sid)
        yield Finding(span, {"number": sid, "title": title}, logical=f"part/{sid}")
