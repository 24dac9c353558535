"""A report on a year the new template covers still uses the old template: its tables (T003, on the
evidence of their headers: 本年新制作数量), or only rows the old template has (T005: 表三's single
（六）其他处理 row, the new template's three sub-rows summed into one, in tables that are otherwise new).

`evidence: headers` (the default) fires where some table's header names the old template's columns,
or where a table follows it on no evidence a rule can point at; `evidence: rows` fires where old
value rows are the only evidence — the one finding either way, never both."""
from __future__ import annotations

from ...model import Finding, Span
from ...pipeline.normalize import label_key
from ._common import Context

PLACEHOLDERS = frozenset({"year", "template", "rows"})


def prepare(options: dict, context: Context) -> tuple[str, int, str]:
    """(the outdated template's id, the first year a report on it is outdated, which evidence)."""
    return str(options["outdated"]), int(options["from_year"]), str(options.get("evidence", "headers"))


def _header_evidence(report, table) -> list:
    """Header cells naming the outdated template's columns (本年新制作数量)."""
    markers = report.templates[table.template].markers
    return [c.span for c in table.header_cells if any(m in label_key(c.text) for m in markers)]


def _row_evidence(report, table) -> list:
    """Rows the outdated template has as value rows and the others do not (2019's single （六）其他处理)."""
    others = [t.table(table.spec.id) for tid, t in report.templates.items() if tid != table.template]
    return [match.label for row_id, match in table.rows.items()
            if match.label is not None and all(o is None or row_id not in {r.id for r in o.value_rows} for o in others)]


def check(rule, report):
    outdated, since, evidence = rule.prepared
    year = report.metadata.year
    if year is None or year < since:
        return
    tables = [t for t in report.tables.values() if t.found and t.template == outdated]
    if not tables:
        return
    headers = [s for t in tables for s in _header_evidence(report, t)]
    rows = [cell for t in tables for cell in _row_evidence(report, t)]
    if evidence == "rows":
        if rows and not headers:
            first = min(rows, key=lambda c: c.span[:2])
            yield Finding(first.span, {"year": year, "template": outdated, "rows": "、".join(c.raw for c in rows)},
                          logical="template")
        return
    if rows and not headers:
        return  # only old rows in otherwise new tables: the `rows` rule's finding (T005)
    anchors = [t.anchor for t in tables if t.anchor]
    span = min(headers or anchors or [Span.at(1, 1)], key=lambda s: s[:2])
    yield Finding(span, {"year": year, "template": outdated, "rows": ""}, logical="template")
