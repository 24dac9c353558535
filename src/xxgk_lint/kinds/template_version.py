"""T003: a report on a year the new template covers still uses the old template's tables."""
from __future__ import annotations

from ..model import Finding, Span
from ..normalize import label_key
from ..template import load_template


def _first_marker(report, template_id: str) -> Span:
    markers = load_template(template_id).markers
    for line in report.doc.lines:
        key = label_key(line.text)
        if any(m in key for m in markers):
            stripped = line.text.strip()
            col = line.text.index(stripped) + 1
            return Span(line.number, col, line.number, col + len(stripped))
    return Span.at(1, 1)


def check(rule, report):
    outdated, since = str(rule.options["outdated"]), int(rule.options["from_year"])
    year = report.metadata.year
    if report.markers_template == outdated and year is not None and year >= since:
        yield Finding(_first_marker(report, outdated), {"year": year, "template": outdated}, logical="template")
