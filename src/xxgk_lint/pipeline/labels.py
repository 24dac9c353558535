"""Which template row, or which 表二 block caption, a label names.

Labels repeat from report to report, so each text is looked up once: a bounded memo on the index,
and an index per region's tables kept for the process (at most 64: the bundled templates give a
handful; `bench/throughput.py`, ARCHITECTURE.md)."""
from __future__ import annotations

from functools import lru_cache

from ..model import Cell, Row
from ..speed import MAX_LABEL, remember
from .normalize import label_key, strip_ordinal
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
        # near misses: each value row's label without its ordinal, and its aliases
        self.forms = [(table, spec, form) for table, spec in
                      ((t, r) for t in specs for r in t.rows if not r.unlabelled and not r.group)
                      for form in {strip_ordinal(label_key(spec.label)), *spec.match} if len(form) >= NEAR_MIN]
        self.near_memo: dict[str, tuple[TableSpec, RowSpec] | None] = {}

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


    def near(self, text: str) -> tuple[TableSpec, RowSpec] | None:
        """The one template row whose label `text` nearly is — characters lost, garbled or swapped
        (`2.其他法律行政止公开`) — by a clear margin over every other row; None when unsure."""
        hit = self.near_memo.get(text, _UNSEEN)
        if hit is _UNSEEN:
            hit = self._near(strip_ordinal(label_key(text)))
            if len(text) <= MAX_LABEL:
                remember(self.near_memo, text, hit)
        return hit

    def _near(self, form: str) -> tuple[TableSpec, RowSpec] | None:
        if len(form) < NEAR_MIN:
            return None
        best: dict[RowSpec, tuple[int, TableSpec]] = {}
        for table, spec, target in self.forms:
            allowed = max(1, len(target) // 4)
            if abs(len(target) - len(form)) > allowed:
                continue
            d = edit_distance(form, target, allowed)
            if d <= allowed and (spec not in best or d < best[spec][0]):
                best[spec] = (d, table)
        ranked = sorted((d, spec.id, spec, table) for spec, (d, table) in best.items())
        if not ranked or (len(ranked) > 1 and ranked[1][0] - ranked[0][0] < NEAR_MARGIN):
            return None
        return ranked[0][3], ranked[0][2]


SPLIT_MIN = 3  # characters in each piece of a split header word

# A near miss: at least this many characters, and the next best row at least this much further.
NEAR_MIN, NEAR_MARGIN = 4, 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Characters inserted, deleted, replaced or swapped with their neighbour to turn `a` into `b`
    (optimal string alignment); any value above `limit` is returned as limit + 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


@lru_cache(maxsize=64)  # one index per region's tables, built once per process
def row_index(specs: tuple[TableSpec, ...]) -> RowIndex:
    return RowIndex(list(specs))


def match_row(row: Row, index: RowIndex) -> tuple[TableSpec, RowSpec, Cell] | None:
    """The template row a row's labels name: the last label wins; value rows before captions."""
    return _last_label_hit(row, index.lookup)


def near_row(row: Row, index: RowIndex) -> tuple[TableSpec, RowSpec, Cell] | None:
    """The template row a row's label nearly names (RowIndex.near), the last label first."""
    return _last_label_hit(row, index.near)


def _last_label_hit(row: Row, find) -> tuple[TableSpec, RowSpec, Cell] | None:
    for label in reversed(row.labels):
        hit = find(label.text)
        if hit is not None:
            return hit[0], hit[1], label
    return None


def split_column(label: str, header: str) -> tuple[str, str] | None:
    """A column label the header writes in two pieces with other text between them (`社会公` …
    `益组织`, a header cell wrapped and its halves read apart): the pieces, each at least three
    characters (two are too common: 本年 … 处理决定数量 is another header's word and a column);
    None when the label is not there so."""
    for cut in range(SPLIT_MIN, len(label) - SPLIT_MIN + 1):
        first, second = label[:cut], label[cut:]
        at = header.find(first)
        if at >= 0 and header.find(second, at + len(first)) >= 0:
            return first, second
    return None


@lru_cache(maxsize=256)  # asked by T004 and P006 of every table; a layout's headers repeat across reports
def header_gaps(spec: TableSpec, header: str) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, str]], ...]]:
    """The template's header words a table's header keys lack: (missing, split) — split: written
    in two pieces (split_column), the word with its pieces."""
    if spec.headers:
        words = [(alts[0], alts) for alts in spec.headers]
    else:
        words = [(c.label, c.match) for c in spec.columns]
    missing, split = [], []
    for shown, alts in words:
        if any(a in header for a in alts):
            continue
        pieces = split_column(label_key(shown), header)
        if pieces is None:
            missing.append(shown)
        else:
            split.append((shown, pieces))
    return tuple(missing), tuple(split)


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
