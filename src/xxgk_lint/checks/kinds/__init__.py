"""One module per rule kind; each exposes `check(rule, report) -> Iterable[Finding]`."""
from __future__ import annotations

from . import (
    aligned_rows, cell_value, required_columns, required_rows, required_section,
    narrative_figures, required_statement, required_table, required_title, section_order, section_title,
    sum_equals, template_version, year_consistency,
)

KINDS = {
    module.__name__.rsplit(".", 1)[1]: module
    for module in (
        aligned_rows, required_section, section_order, section_title, required_table,
        required_rows, required_columns, template_version, cell_value, sum_equals, required_statement,
        required_title, year_consistency, narrative_figures,
    )
}
