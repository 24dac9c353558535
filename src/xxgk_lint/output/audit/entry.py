"""What the audit page knows of one report: `make_entry` turns a linted report (its table cells and
its findings) into an `Entry`: the mandatory items passed or not, the key figures, the findings
counted by code and severity.

The mandatory items (a failure beats "not assessable", which beats a pass):

- `sections`, the six parts: failed by S001; not assessable when nothing was judged (P001 unreadable,
  P004 internal error, P005 not an annual report) or the file was read only in part (P007: S001 does
  not run then).
- `tables`, the template's tables complete: failed by T001, T002, T004; not assessable as above, when
  a table row could not be aligned (P002: that table was not read whole) or no template was recognised.
- `sums`, the relations of 表三 and 表四 (勾稽关系): failed by C001–C004; not assessable as above, when
  a value cell of 表三 or 表四 is missing from `cells` or is not a number, or N001/N002 name such a cell
  (a relation through it was left unverified).
- `fee`, the statement on 信息处理费 in part 六: failed by F001, F002; not applicable to reports on
  years before 2021 (by the report's year, else its template's: as F001 itself decides, so a 2019
  template means not applicable unless the year says 2021 or later); not assessable as for `sections`.
"""
from __future__ import annotations

import os

from ...resources import data_path, load_yaml
from ...speed import Record
from .strings import FAIL, NOT_APPLICABLE, PASS, UNKNOWN

Cells = dict  # (table_id, row_id, column_id) -> int | float | None

_NOTHING_JUDGED = frozenset({"P001", "P004", "P005"})
_PARTIAL = "P007"
_SECTIONS = frozenset({"S001"})
_TABLES = frozenset({"T001", "T002", "T004"})
_SUMS = frozenset({"C001", "C002", "C003", "C004"})
_FEE = frozenset({"F001", "F002"})
_UNVERIFIED = frozenset({"N001", "N002"})  # a blank or non-numeric cell leaves its relations unverified
_SUM_TABLES = ("三", "四")
FEE_FROM = 2021  # the year the fee statement is required from (国办函〔2020〕109号)


class Entry(Record):
    """One report as the audit takes it. `diagnostics` is the report's findings as given; the audit
    keeps the rest (a few numbers) and lets the findings go once they are written."""

    __slots__ = ("path", "agency", "year", "template", "items", "figures", "counts", "diagnostics")

    def __init__(self, path: str, agency: str, year: int | None, template: str, items: dict[str, str],
                 figures: dict[str, int | float | None], counts: dict[tuple[str, str], int],
                 diagnostics: list) -> None:
        self.path = path
        self.agency = agency
        self.year = year
        self.template = template
        self.items = items  # item -> PASS | FAIL | UNKNOWN | NOT_APPLICABLE
        self.figures = figures  # strings.FIGURES -> number, None when not stated
        self.counts = counts  # (code, severity) -> findings not suppressed
        self.diagnostics = diagnostics


def make_entry(path: str, agency: str, year: int | None, template: str, cells: Cells, diagnostics: list) -> Entry:
    """The entry of one report: `cells` holds the value cells read from 表三 and 表四 (None: blank or not
    a number; a key absent: not read), `diagnostics` its findings (output.diagnostic.Diagnostic)."""
    counts: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        if d.suppression is None:
            key = (d.code, d.severity)
            counts[key] = counts.get(key, 0) + 1
    live = [d for d in diagnostics if d.suppression is None]
    items = judge_items(template, year, cells, live)
    return Entry(path, agency or "", year, template or "", items, key_figures(cells), counts, diagnostics)


def judge_items(template: str, year: int | None, cells: Cells, diagnostics: list) -> dict[str, str]:
    """Each mandatory item of one report: passed, failed, not assessable or not applicable."""
    codes = {d.code for d in diagnostics}
    unread = bool(codes & _NOTHING_JUDGED)
    partial = _PARTIAL in codes

    def status(failing: frozenset, unknown: bool) -> str:
        return FAIL if codes & failing else UNKNOWN if unknown else PASS

    unaligned = "P002" in codes
    unverified = any(d.code in _UNVERIFIED and _in_sum_tables(d.logical) for d in diagnostics)
    sums_unknown = unread or not template or unverified or not _complete(template, cells)
    fee_year = year if year is not None else int(template) if template.isdigit() else None
    fee = status(_FEE, unread or partial or fee_year is None)
    if fee != FAIL and fee_year is not None and fee_year < FEE_FROM:
        fee = NOT_APPLICABLE
    return {
        "sections": status(_SECTIONS, unread or partial),
        "tables": status(_TABLES, unread or partial or unaligned or not template),
        "sums": status(_SUMS, sums_unknown),
        "fee": fee,
    }


def _in_sum_tables(logical: str) -> bool:
    return logical.startswith(tuple(f"表{t}/" for t in _SUM_TABLES))


def _complete(template: str, cells: Cells) -> bool:
    """Every value cell of 表三 and of 表四 was read and is a number. A report may write a table on
    another template than its own (a 2021 report whose 表三 keeps the 2019 rows): each table is held
    to the bundled template whose cells it has most of (its own on a tie)."""
    others = [t for t in TEMPLATES if t != template]
    for table in _SUM_TABLES:
        candidates = [value_cells(t, table) for t in (template, *others)]
        expected = max(candidates, key=lambda keys: sum(key in cells for key in keys))
        if not expected or any(cells.get(key) is None for key in expected):
            return False
    return True


_TEMPLATES_DIR = os.path.join(data_path("rules"), "templates")
TEMPLATES = tuple(sorted((name[:-5] for name in os.listdir(_TEMPLATES_DIR) if name.endswith(".yaml")), reverse=True))
_VALUE_CELLS: dict[tuple[str, str], tuple] = {}


def value_cells(template: str, table_id: str) -> tuple[tuple[str, str, str], ...]:
    """The value cells of `table_id` in the bundled template `template` (rows that are not group
    labels × columns); () for a template that is not bundled."""
    if (template, table_id) not in _VALUE_CELLS:
        found: dict[str, list] = {table: [] for table in _SUM_TABLES}
        if template in TEMPLATES:
            for table in load_yaml(os.path.join(_TEMPLATES_DIR, f"{template}.yaml"))["tables"]:
                if table["id"] in found:
                    found[table["id"]] = [(table["id"], row["id"], column["id"]) for row in table["rows"]
                                          if not row.get("group") for column in table["columns"]]
        for table, keys in found.items():
            _VALUE_CELLS[(template, table)] = tuple(keys)
    return _VALUE_CELLS.get((template, table_id), ())


def key_figures(cells: Cells) -> dict[str, int | float | None]:
    """新收申请 (表三 一 总计), 予以公开 (三.一 总计), 办理总计 (三.七 总计) and the share granted in %,
    行政复议 (复议.总计), 行政诉讼 (直诉.总计 + 复诉.总计), 被纠正 (the three 纠正); None when a cell is missing."""
    def total(*keys):
        values = [cells.get(key) for key in keys]
        return None if any(v is None for v in values) else sum(values)

    granted, handled = cells.get(("三", "三.一", "总计")), cells.get(("三", "三.七", "总计"))
    share = round(granted * 100 / handled, 1) if granted is not None and handled else None
    return {
        "new": cells.get(("三", "一", "总计")),
        "granted": granted,
        "handled": handled,
        "share": share,
        "review": cells.get(("四", "数据", "复议.总计")),
        "litigation": total(("四", "数据", "直诉.总计"), ("四", "数据", "复诉.总计")),
        "corrected": total(("四", "数据", "复议.纠正"), ("四", "数据", "直诉.纠正"), ("四", "数据", "复诉.纠正")),
    }
