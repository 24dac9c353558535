"""The national templates as data (rules/templates/*.yaml) and label matching against them."""
from __future__ import annotations

import re

from ..speed import FrozenRecord
from .normalize import label_key, strip_ordinal

_SUB_ROW = re.compile(r"^\D{1,6}?\d{1,2}(\D{4,})$")
# A label cell much longer than its template label is prose, not a label.
_SLACK = 12


class SectionSpec(FrozenRecord):
    __slots__ = ("id", "title", "pattern")

    def __init__(self, id: str, title: str, pattern: str) -> None:
        self.id = id
        self.title = title
        self.pattern = pattern  # compiled where first used (re caches it): most runs need one template's


class ColumnSpec(FrozenRecord):
    __slots__ = ("id", "label", "match")

    def __init__(self, id: str, label: str, match: tuple[str, ...]) -> None:
        self.id = id
        self.label = label
        self.match = match


class RowSpec(FrozenRecord):
    __slots__ = ("id", "label", "match", "group", "unlabelled", "limit")

    def __init__(self, id: str, label: str, match: tuple[str, ...], group: bool = False, unlabelled: bool = False,
                 limit: int = 0) -> None:
        self.id = id
        self.label = label
        self.match = match
        self.group = group  # a caption over sub-rows, no values of its own
        self.unlabelled = unlabelled  # the one data row of 表四
        self.limit = limit  # longest label key still taken for this row



def label_forms(text: str, groups: list[RowSpec]) -> list[str]:
    """A label's key, without its ordinal, and without a group caption written in the same cell
    (`（三）不予公开 1.属于国家秘密` → `属于国家秘密`)."""
    key = label_key(text)
    forms = [key, strip_ordinal(key)]
    for group in groups:
        for alias in group.match:
            if forms[1].startswith(alias) and len(forms[1]) > len(alias):
                forms.append(strip_ordinal(forms[1][len(alias):]))
    # a group caption broken by extraction before a numbered sub-row: `（四）无 1.本机关不掌握…`
    sub = _SUB_ROW.search(forms[1])
    if sub:
        forms.append(sub.group(1))
    return forms


class TableSpec:
    """Compared by identity: templates are loaded once and shared."""

    __slots__ = ("id", "section", "name", "caption", "columns", "rows", "headers", "subtotal", "value_rows",
                 "_indexes")

    def __init__(self, id: str, section: str, name: str, caption: str | None, columns: tuple[ColumnSpec, ...],
                 rows: tuple[RowSpec, ...], headers: tuple[tuple[str, ...], ...] = (),
                 subtotal: tuple[str, tuple[str, ...]] | None = None) -> None:
        self.id = id
        self.section = section
        self.name = name
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.headers = headers  # header words, each with its alternatives
        self.subtotal = subtotal  # (header key, the column ids it totals)
        self.value_rows = [r for r in rows if not r.group]  # derived lookups, computed once
        self._indexes = {c.id: i for i, c in enumerate(columns)}

    def __repr__(self) -> str:
        return f"TableSpec({self.id!r})"

    def column_index(self, column_id: str) -> int:
        return self._indexes[column_id]

    def title(self) -> str:
        return self.name if self.section != "二" else f"表二 {self.name}"


class Template(FrozenRecord):
    __slots__ = ("id", "name", "markers", "sections", "tables", "applies_from", "applies_until")

    def __init__(self, id: str, name: str, markers: tuple[str, ...], sections: tuple[SectionSpec, ...],
                 tables: tuple[TableSpec, ...], applies_from: int | None = None,
                 applies_until: int | None = None) -> None:
        self.id = id
        self.name = name
        self.markers = markers
        self.sections = sections
        self.tables = tables
        self.applies_from = applies_from
        self.applies_until = applies_until

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def section_title(self, section_id: str) -> str:
        return next(s.title for s in self.sections if s.id == section_id)


def _columns(raw: list[dict]) -> tuple[ColumnSpec, ...]:
    return tuple(
        ColumnSpec(c["id"], c["label"], tuple(label_key(m) for m in c.get("match", [c["label"]])))
        for c in raw
    )


def _rows(raw: list[dict]) -> tuple[RowSpec, ...]:
    rows = []
    for r in raw:
        match = tuple(label_key(m) for m in r.get("match", []))
        limit = max(len(m) for m in (*match, label_key(r["label"]))) * 2 + _SLACK
        rows.append(RowSpec(r["id"], r["label"], match, bool(r.get("group")), bool(r.get("unlabelled")), limit))
    return tuple(rows)


def _build(raw: dict) -> Template:
    sections = tuple(SectionSpec(s["id"], s["title"], s["pattern"]) for s in raw["sections"])
    tables = tuple(
        TableSpec(
            t["id"], t["section"], t["name"], label_key(t["caption"]) if t.get("caption") else None,
            _columns(t["columns"]), _rows(t["rows"]),
            tuple(tuple(label_key(a) for a in h.split("|")) for h in t.get("headers", [])),
            (label_key(t["subtotal"]["match"]), tuple(t["subtotal"]["of"])) if t.get("subtotal") else None,
        )
        for t in raw["tables"]
    )
    return Template(
        str(raw["id"]), raw["name"], tuple(label_key(m) for m in raw.get("markers", [])),
        sections, tables, raw.get("applies_from"), raw.get("applies_until"),
    )


def template_from_data(raw: dict) -> Template:
    return _build(raw)


def expected_template_id(year: int | None, templates: dict[str, Template]) -> str | None:
    """The template for a report on `year`, by each template's applies_from / applies_until."""
    if year is None:
        return None
    ids = sorted(templates)
    for tid in ids:
        t = templates[tid]
        if (t.applies_from or 0) <= year <= (t.applies_until or 9999):
            return tid
    return ids[-1]


def detect_markers(keys: str, templates: dict[str, Template]) -> str | None:
    """Which template's table headers a report uses (by marker labels), or None."""
    counts = {tid: sum(m in keys for m in templates[tid].markers) for tid in sorted(templates)}
    best = max(counts, key=counts.get)
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return None
    return best
