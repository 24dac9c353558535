"""The national templates as data (rules/templates/*.yaml) and label matching against them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import label_key, strip_ordinal

_SUB_ROW = re.compile(r"^\D{1,6}?\d{1,2}(\D{4,})$")
# A label cell much longer than its template label is prose, not a label.
_SLACK = 12


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    pattern: re.Pattern


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    label: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: str
    match: tuple[str, ...]
    group: bool = False  # a caption over sub-rows, no values of its own
    unlabelled: bool = False  # the one data row of 表四
    limit: int = 0  # longest label key still taken for this row



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


@dataclass(frozen=True, eq=False)  # identity: templates are loaded once and shared
class TableSpec:
    id: str
    section: str
    name: str
    caption: str | None
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    headers: tuple[tuple[str, ...], ...] = ()  # header words, each with its alternatives
    subtotal: tuple[str, tuple[str, ...]] | None = None  # (header key, the column ids it totals)

    @property
    def value_rows(self) -> list[RowSpec]:
        return self._value_rows

    def __post_init__(self) -> None:  # frozen: derived lookups computed once, not hashed
        object.__setattr__(self, "_indexes", {c.id: i for i, c in enumerate(self.columns)})
        object.__setattr__(self, "_value_rows", [r for r in self.rows if not r.group])

    def column_index(self, column_id: str) -> int:
        return self._indexes[column_id]

    def title(self) -> str:
        return self.name if self.section != "二" else f"表二 {self.name}"


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    markers: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    applies_from: int | None = None
    applies_until: int | None = None
    _by_id: dict = field(default_factory=dict, compare=False, hash=False)

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
    sections = tuple(SectionSpec(s["id"], s["title"], re.compile(s["pattern"])) for s in raw["sections"])
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


def load_template(template_id: str) -> Template:
    from .rulepack import bundled

    return bundled()[1][template_id]


TEMPLATE_IDS = ("2019", "2021")


def expected_template_id(year: int | None) -> str | None:
    """The template for a report on `year`, by each template's applies_from / applies_until."""
    if year is None:
        return None
    for tid in TEMPLATE_IDS:
        t = load_template(tid)
        if (t.applies_from or 0) <= year <= (t.applies_until or 9999):
            return tid
    return TEMPLATE_IDS[-1]


def detect_markers(keys: str) -> str | None:
    """Which template's table headers a report uses (by marker labels), or None."""
    counts = {tid: sum(m in keys for m in load_template(tid).markers) for tid in TEMPLATE_IDS}
    best = max(counts, key=counts.get)
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return None
    return best
