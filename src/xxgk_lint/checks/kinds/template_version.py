"""T003: a report on a year the new template covers still uses the old template's tables."""
from __future__ import annotations

from ...model import Finding, Span
from ...pipeline.normalize import label_key
from ._common import Context

PLACEHOLDERS = frozenset({"year", "template"})


def prepare(options: dict, context: Context) -> tuple[str, int]:
    """(the outdated template's id, the first year a report on it is outdated)."""
    return str(options["outdated"]), int(options["from_year"])


def _first_marker(report, template_id: str) -> Span:
    """The first header cell naming a column of the outdated template (e.g. 本年新制作数量)."""
    markers = report.templates[template_id].markers
    cells = sorted((c for t in report.tables.values() for c in t.header_cells
                    if any(m in label_key(c.text) for m in markers)), key=lambda c: c.span[:2])
    if cells:
        return cells[0].span
    anchors = [t.anchor for t in report.tables.values() if t.found and t.anchor]
    return min(anchors, default=Span.at(1, 1))


def check(rule, report):
    outdated, since = rule.prepared
    year = report.metadata.year
    if report.markers_template == outdated and year is not None and year >= since:
        yield Finding(_first_marker(report, outdated), {"year": year, "template": outdated}, logical="template")
