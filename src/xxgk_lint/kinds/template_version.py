"""T003: a report on a year the new template covers still uses the old template's tables."""
from __future__ import annotations

import re

from ..model import Finding, Span
from ..normalize import label_key
from ..template import load_template


def _first_marker(report, template_id: str) -> Span:
    """The first header cell naming an outdated-template column (e.g. 本年新制作数量)."""
    markers = [re.compile(r"[\s\W_]*".join(map(re.escape, m))) for m in load_template(template_id).markers]
    for line in report.doc.lines:
        if not any(m in label_key(line.text) for m in load_template(template_id).markers):
            continue
        found = [m.search(line.text) for m in markers]
        first = min((f for f in found if f), key=lambda f: f.start(), default=None)
        if first is not None:
            return Span(line.number, first.start() + 1, line.number, first.end() + 1)
    return Span.at(1, 1)


def check(rule, report):
    outdated, since = str(rule.options["outdated"]), int(rule.options["from_year"])
    year = report.metadata.year
    if report.markers_template == outdated and year is not None and year >= since:
        yield Finding(_first_marker(report, outdated), {"year": year, "template": outdated}, logical="template")
