"""T003: a report on a year the new template covers still uses the old template's tables."""
from __future__ import annotations

from ...model import Finding, Span
from ...pipeline.normalize import label_key
from ._common import Context

PLACEHOLDERS = frozenset({"year", "template"})


def prepare(options: dict, context: Context) -> tuple[str, int]:
    """(the outdated template's id, the first year a report on it is outdated)."""
    return str(options["outdated"]), int(options["from_year"])


def _evidence(report, table) -> list:
    """Where a table shows the outdated template: header cells naming its columns (本年新制作数量),
    and rows it has as value rows that the other templates do not (2019's single （六）其他处理 row)."""
    markers = report.templates[table.template].markers
    spans = [c.span for c in table.header_cells if any(m in label_key(c.text) for m in markers)]
    others = [t.table(table.spec.id) for tid, t in report.templates.items() if tid != table.template]
    for row_id, match in table.rows.items():
        if match.label is not None and all(o is None or row_id not in {r.id for r in o.value_rows} for o in others):
            spans.append(match.label.span)
    return spans


def check(rule, report):
    outdated, since = rule.prepared
    year = report.metadata.year
    if year is None or year < since:
        return
    tables = [t for t in report.tables.values() if t.found and t.template == outdated]
    if not tables:
        return
    spans = [s for t in tables for s in _evidence(report, t)]
    anchors = [t.anchor for t in tables if t.anchor]
    span = min(spans or anchors or [Span.at(1, 1)], key=lambda s: s[:2])
    yield Finding(span, {"year": year, "template": outdated}, logical="template")
