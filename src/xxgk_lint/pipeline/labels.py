"""Which template row, or which 表二 block caption, a label names.

Labels repeat from report to report, so each text is looked up once: a bounded memo on the index,
and an index per region's tables kept for the process (at most 64: the bundled templates give a
handful; `bench/throughput.py`, ARCHITECTURE.md)."""
from __future__ import annotations

from functools import lru_cache

from ..model import Cell, Row
from ..speed import MAX_LABEL, remember
from .normalize import label_key
from .template import RowSpec, TableSpec, label_forms

_UNSEEN = object()


class RowIndex:
    """Template rows of the tables in a region, looked up by the prefixes of a label's forms."""

    def __init__(self, specs: list[TableSpec]):
        self.groups = [r for t in specs for r in t.rows if r.group]
        self.by_alias: dict[str, list[tuple[TableSpec, RowSpec]]] = {}
        # value rows before captions: `（三）不予公开 1.属于国家秘密` is the sub-row
        for table, spec in sorted(((t, r) for t in specs for r in t.rows if not r.unlabelled),
                                  key=lambda ts: ts[1].group):
            for alias in spec.match:
                self.by_alias.setdefault(alias, []).append((table, spec))
        self.lengths = sorted({len(a) for a in self.by_alias}, reverse=True)
        self.memo: dict[str, tuple[TableSpec, RowSpec] | None] = {}

    def lookup(self, text: str) -> tuple[TableSpec, RowSpec] | None:
        hit = self.memo.get(text, _UNSEEN)
        if hit is _UNSEEN:  # labels repeat from report to report: match each text once
            hit = self._lookup(text)
            if len(text) <= MAX_LABEL:  # a long text (prose in a table's part) is seen once
                remember(self.memo, text, hit)
        return hit

    def _lookup(self, text: str) -> tuple[TableSpec, RowSpec] | None:
        forms = label_forms(text, self.groups)
        best = None
        for form in forms:
            for length in self.lengths:
                for table, spec in self.by_alias.get(form[:length], ()):
                    if len(forms[0]) <= spec.limit and (best is None or (best[1].group and not spec.group)):
                        best = (table, spec)
        return best


@lru_cache(maxsize=64)  # one index per region's tables, built once per process
def row_index(specs: tuple[TableSpec, ...]) -> RowIndex:
    return RowIndex(list(specs))


def match_row(row: Row, index: RowIndex) -> tuple[TableSpec, RowSpec, Cell] | None:
    """The template row a row's labels name: the last label wins; value rows before captions."""
    for label in reversed(row.labels):
        hit = index.lookup(label.text)
        if hit is not None:
            return hit[0], hit[1], label
    return None


def is_caption(text: str, tables: list[TableSpec]) -> bool:
    if "条" not in text:  # every caption is 第二十条第…项
        return False
    key = label_key(text)
    return any(t.caption and t.caption in key for t in tables)


def caption_of(row: Row, tables: list[TableSpec]) -> tuple[TableSpec, Cell] | None:
    for cell in row.labels:
        if "条" not in cell.text:  # every caption is 第二十条第…项
            continue
        key = label_key(cell.text)
        for table in tables:
            if table.caption and table.caption in key:
                return table, cell
    return None
