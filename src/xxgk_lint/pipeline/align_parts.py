"""Each part's tables, aligned to the template they follow: where a part's tables are searched, and
which template (and which reading of empty lines) fits each part — a report may mix a 2019 表二 with
a 2021 表三, and double-spaced text may write an empty cell as one empty line or two."""
from __future__ import annotations

from ..model import Document, Section
from .align import RegionAligner
from .aligned import AlignedTable, presume
from .tables import empty_cell_lines
from .template import Template


def _regions(template: Template, sections: dict[str, Section], n_lines: int) -> dict[str, tuple[int, int]]:
    """Line range searched for each part's tables. A part whose heading is lost is searched in the
    part before it, where its text now sits; with no part before it, from the top of the file to
    the next heading."""
    regions = {}
    order = [s.id for s in template.sections]
    found = sorted(sections.values(), key=lambda s: s.start_line)
    for sid in {t.section for t in template.tables}:
        idx = order.index(sid)
        host = next((sections[o] for o in reversed(order[:idx + 1]) if o in sections), None)
        if host is not None:
            regions[sid] = (host.start_line, host.end_line)
        else:
            regions[sid] = (1, found[0].start_line - 2 if found else n_lines)
    return regions


def align(doc: Document, templates: list[Template], sections: dict[str, Section]) -> dict[str, AlignedTable]:
    """Align each part's tables to the template they follow: the first of `templates` (the one the
    report's year or configuration calls for) unless another fits that part's rows and headers
    strictly better — a report may mix a 2019 表二 with a 2021 表三."""
    primary = templates[0]
    regions = _regions(primary, sections, len(doc.lines))
    parts: dict[tuple[int, int], list[str]] = {}
    for sid in sorted(regions, key=[s.id for s in primary.sections].index):
        parts.setdefault(regions[sid], []).append(sid)
    tables: dict[str, AlignedTable] = {}
    chosen: dict[str, dict[str, AlignedTable]] = {}
    for (first, last), sids in sorted(parts.items()):
        lines = doc.text_between(first, last)
        best: tuple[int, dict[str, AlignedTable]] | None = None
        options = empty_cell_lines(lines)
        readings = [(t, per_empty) for t in templates for per_empty in options]
        for template, per_empty in readings:
            specs = [t for t in template.tables if t.section in sids]
            out = {t.id: AlignedTable(t, template.id) for t in specs}
            RegionAligner(specs, out).run(lines, per_empty)
            trouble = _trouble(out)
            if best is None or (trouble < best[0] if template is primary else
                                trouble[0] < best[0][0] and _shows(out, template, primary)):
                best = (trouble, out)  # another template only on fewer rows in doubt, and its own evidence
            if best[0] == (0, 0) or (not best[0][0] and per_empty == options[-1]):
                break  # fits with nothing left over, or fits and every reading of empty lines was tried
        for sid in sids:
            chosen[sid] = best[1]
    for sid in [s.id for s in primary.sections]:  # in the template's order of parts
        tables.update(chosen.get(sid, {}))
    for aligned in tables.values():
        presume(aligned)
    return tables


def _shows(out: dict[str, AlignedTable], template: Template, primary: Template) -> bool:
    """Does a part's text show `template` itself — a header naming its columns (本年新制作数量), or a
    row only it has as a value row (2019's single （六）其他处理) — rather than merely fit it less badly?"""
    for table in out.values():
        if any(m in table.header_keys for m in template.markers):
            return True
        other = primary.table(table.spec.id)
        own = {r.id for r in other.value_rows} if other is not None else set()
        if any(m.label is not None and not m.presumed and rid not in own for rid, m in table.rows.items()):
            return True
    return False


def _trouble(out: dict[str, AlignedTable]) -> tuple[int, int]:
    """How badly a part's text fits a template: rows that could not be aligned, and template rows
    missing between rows that were (not after the last: a table cut short fits every template);
    then the empty cells left out to fit the rows (between two readings of empty lines)."""
    trouble = 0
    for table in out.values():
        trouble += len(table.unaligned)
        present = [r.id in table.rows for r in table.spec.value_rows]
        if any(present):
            first, last = present.index(True), len(present) - present[::-1].index(True)
            trouble += present[first:last].count(False)
    return trouble, sum(t.fillers for t in out.values())
