"""P006: a row label or column header that nearly is the template's — characters lost, garbled,
swapped or the header split in two — aligned to the template's row or column, and said."""
from __future__ import annotations

from ...model import Finding
from ...pipeline.labels import header_gaps
from ...pipeline.normalize import label_key
from ._common import Context, logical, table_patterns, table_title, tables_of

PLACEHOLDERS = frozenset({"table", "label", "rest", "expected"})  # rest: a split header's second piece


def prepare(options: dict, context: Context) -> list[str] | None:
    return table_patterns(options, context)


def check(rule, report):
    for table in tables_of(report, rule.prepared):
        for label, spec in table.near_misses:
            params = {"table": table_title(table), "label": label.raw, "expected": spec.label}
            yield Finding(label.span, params, logical=logical(table, spec.id, "标签"), variant="row")
        if not table.found or not table.rows:
            continue
        for word, pieces in header_gaps(table.spec, table.header_keys)[1]:
            span = next((c.span for c in table.header_cells if pieces[0] in label_key(c.text)), None)
            span = span or table.header_span or table.anchor
            if span is not None:
                params = {"table": table_title(table), "label": pieces[0], "rest": pieces[1], "expected": word}
                yield Finding(span, params, logical=logical(table, "表头", word), variant="column")
