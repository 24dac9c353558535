"""Plant one fault at a time into a clean real report and say where the linter must report it.

The generator is an oracle independent of the rules: every expected finding is derived here from
the format spec (shared/spec/format.md) and from the positions of the CLEAN report, never from
the linter's findings on the planted one. The parser is used only to locate cells, rows, table
captions and headings in the clean seed; each located cell is checked against the raw text
before it is edited, so a wrong span cannot silently plant a fault in the wrong place.

Faults are planted into the Simplified text and the result is converted to Traditional with
opencc s2t as a whole. s2t keeps every line's length here (checked), so the expected positions
hold unchanged in both scripts: the Traditional runs test that the linter's t2s step keeps
positions exact.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Callable

import opencc

from xxgk_lint.checks.engine import parse
from xxgk_lint.model import Cell, Span
from xxgk_lint.pipeline.aligned import AlignedTable, RowMatch
from xxgk_lint.pipeline.report import Report

ROOT = Path(__file__).resolve().parents[2]

# Clean real reports, one per layout; each must lint without an error finding.
SEEDS: dict[str, Path] = {
    "000-cell-per-line": ROOT / "tests/fixtures/reports/000_eac3f6eb663f9cec.txt",
    "001-tab-rows": ROOT / "tests/fixtures/reports/001_b6301f25c0e3e8b6.txt",
    "004-pipe-rows": ROOT / "tests/fixtures/reports/004_a16ce7be3385554c.txt",
    "2021-md": ROOT / "rules/examples/2021.md",
}
SCRIPTS = ("hans", "hant")

# 表三 rows in template order (spec §3): the rows each relation of §3 names.
T3_BALANCE_ROWS = ("一", "二", "三.七", "四")  # C003: 一 + 二 = （七）总计 + 四


class PlantError(Exception):
    """The seed does not look the way the fault needs (a generator problem, not a linter bug)."""


@dataclass(frozen=True)
class Expect:
    """One finding the linter must produce for a planted fault."""

    code: str
    line: int
    column: int | None = None  # None: any column (a blanked cell has no text to point at)
    severity: str = "error"
    related_ok: bool = False  # the place may be one of the finding's related locations
    logical: str | None = None  # the finding's logical place (table/row/column or part/…)

    def describe(self) -> str:
        where = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        extra = " (or a related location)" if self.related_ok else ""
        return f"{self.severity} {self.code} at {where}{extra}" + (f" [{self.logical}]" if self.logical else "")


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    column: str


@dataclass
class Planted:
    text: str
    expects: list[Expect]
    cell: CellRef | None = None  # the edited cell, to check it still aligns after the edit
    cell_text: str | None = None  # its new normalised text
    cell_line: int | None = None


@dataclass(frozen=True)
class Fault:
    id: str
    plant: Callable[[str, Report], Planted] = field(repr=False)


# ---------------------------------------------------------------- seeds and scripts


@lru_cache(maxsize=None)
def seed_text(seed: str) -> str:
    return SEEDS[seed].read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def seed_report(seed: str) -> Report:
    report = parse(str(SEEDS[seed]), seed_text(seed).encode("utf-8"))
    if not isinstance(report, Report):
        raise PlantError(f"seed {seed} is unreadable: {report}")
    return report


@lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    return opencc.OpenCC("s2t").convert


def in_script(text: str, script: str) -> str:
    """The text in the script; Traditional must keep every line's length (positions carry over)."""
    if script == "hans":
        return text
    converted = _s2t()(text)
    old, new = text.split("\n"), converted.split("\n")
    if len(old) != len(new) or any(len(a) != len(b) for a, b in zip(old, new)):
        raise PlantError("s2t changed a line's length: expected positions would not carry over")
    if converted == text:
        raise PlantError("s2t changed nothing: the Traditional variant would test nothing")
    return converted


def build(seed: str, script: str, fault: Fault) -> Planted:
    """Plant the fault into the Simplified seed, then convert the result to the script."""
    planted = fault.plant(seed_text(seed), seed_report(seed))
    planted.text = in_script(planted.text, script)
    return planted


# ---------------------------------------------------------------- text edits


def _lines(text: str) -> list[str]:
    return text.split("\n")  # like the parser: "\n" only, so a final newline survives the round trip


def replace_span(text: str, span: Span, expected_raw: str, new: str) -> str:
    lines = _lines(text)
    line = lines[span.line - 1]
    a, b = span.column - 1, span.end_column - 1
    if line[a:b] != expected_raw:
        raise PlantError(f"line {span.line} cols {a + 1}-{b}: {line[a:b]!r}, expected {expected_raw!r}")
    lines[span.line - 1] = line[:a] + new + line[b:]
    return "\n".join(lines)


def delete_lines(text: str, first: int, last: int) -> str:
    lines = _lines(text)
    return "\n".join(lines[:first - 1] + lines[last:])


def shifted(line: int, first: int, last: int) -> int:
    """Where an original line ends up once lines first..last are deleted."""
    if first <= line <= last:
        raise PlantError(f"line {line} is itself deleted")
    return line - (last - first + 1) if line > last else line


def row_lines(match: RowMatch) -> tuple[int, int]:
    """All lines of a logical row (several in one-cell-per-line layouts)."""
    lines = [c.span.line for c in match.row.cells]
    return min(lines), max(lines)


def label_span(match: RowMatch) -> Span:
    return (match.label or match.row.cells[0]).span


# ---------------------------------------------------------------- locating in the clean seed


def table(report: Report, table_id: str) -> AlignedTable:
    aligned = report.tables[table_id]
    if not aligned.found:
        raise PlantError(f"seed has no table {table_id}")
    return aligned


def cell(report: Report, ref: CellRef) -> Cell:
    found = table(report, ref.table).cell(ref.row, ref.column)
    if found is None:
        raise PlantError(f"seed has no cell {ref}")
    return found


def _value(text: str) -> Decimal | None:
    """A cell's number as the linter reads it; None for a blank cell and for one that is not a number:
    neither breaks a relation (the relation cannot be verified, and the cell's own finding, N001 or
    N002, says which relations it leaves unverified)."""
    if text == "":
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def sum_codes(ref: CellRef) -> list[str]:
    """The relations of spec §3/§4 that contain the cell (each breaks when the cell changes)."""
    if ref.table == "三":
        codes = ["C001"]  # every row: 总计 = the six applicant columns
        if ref.row.startswith("三."):
            codes.append("C002")  # every column: （七）总计 = （一）+（二)+ the sub-rows
        if ref.row in T3_BALANCE_ROWS:
            codes.append("C003")
        return codes
    if ref.table == "四":
        return ["C004"]  # each block: 维持 + 纠正 + 其他 + 未结 = 总计
    return []  # the 表二 blocks carry no relation


# ---------------------------------------------------------------- fault kinds


def set_cell(ref: CellRef, new: str, code: str | None, severity: str = "error") -> Callable[[str, Report], Planted]:
    """Replace one value cell's text. `code`: the cell check expected at the cell (None: none).
    A numeric change in 表三/表四 also breaks every relation the cell is in."""

    def plant(text: str, report: Report) -> Planted:
        old = cell(report, ref)
        planted = replace_span(text, old.span, old.raw, new)
        line = old.span.line
        column = old.span.column if new else None  # a blank cell has no text to point at
        # The cell check names the cell by its logical place: in a pipe row every cell shares the line.
        where = "/".join((f"表{ref.table}", ref.row, ref.column))
        expects = [Expect(code, line, column, severity, logical=where)] if code else []
        before, after = _value(old.text), _value(new)
        if before is not None and after is not None and before != after:
            expects += [Expect(c, line, column, related_ok=True) for c in sum_codes(ref)]
        return Planted(planted, expects, ref, new, line)

    return plant


def widen(ref: CellRef) -> Callable[[str, Report], Planted]:
    """Write a number in full-width digits: the same value (no relation breaks), only N005."""

    def plant(text: str, report: Report) -> Planted:
        old = cell(report, ref)
        if not old.text.isdigit():
            raise PlantError(f"{ref} is not a whole number in the seed")
        wide = old.text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
        return set_cell(ref, wide, "N005", "warning")(text, report)

    return plant


def bump(ref: CellRef) -> Callable[[str, Report], Planted]:
    """Add 1 to a number: only the relations catch it."""

    def plant(text: str, report: Report) -> Planted:
        old = cell(report, ref)
        value = _value(old.text)
        if value is None or old.text == "":
            raise PlantError(f"{ref} is not a number in the seed")
        return set_cell(ref, str(value + 1), None)(text, report)

    return plant


def delete_row(table_id: str, row_id: str) -> Callable[[str, Report], Planted]:
    """Delete every line of a row → T002 at the next present row's label, else the previous one's,
    else (a one-row table) at the table's caption."""

    def plant(text: str, report: Report) -> Planted:
        aligned = table(report, table_id)
        order = [r.id for r in aligned.spec.value_rows]
        if row_id not in aligned.rows:
            raise PlantError(f"seed has no row {table_id}/{row_id}")
        first, last = row_lines(aligned.rows[row_id])
        i = order.index(row_id)
        after = [aligned.rows[r] for r in order[i + 1:] if r in aligned.rows]
        before = [aligned.rows[r] for r in reversed(order[:i]) if r in aligned.rows]
        span = label_span(after[0]) if after else label_span(before[0]) if before else aligned.caption
        if span is None:
            raise PlantError(f"nowhere to expect T002 for {table_id}/{row_id}")
        expect = Expect("T002", shifted(span.line, first, last), span.column, logical=f"表{table_id}/{row_id}")
        return Planted(delete_lines(text, first, last), [expect])

    return plant


def delete_block(table_id: str) -> Callable[[str, Report], Planted]:
    """Delete a 表二 block (caption, header, rows) → T001 at the next block's caption, or at
    part 二's heading when it was the last block."""

    def plant(text: str, report: Report) -> Planted:
        aligned = table(report, table_id)
        if aligned.caption is None:
            raise PlantError(f"table {table_id} has no caption")
        first = aligned.caption.line
        last = max(row_lines(m)[1] for m in aligned.rows.values())
        blocks = [t.id for t in report.template.tables if t.section == "二"]
        later = blocks[blocks.index(table_id) + 1:]
        span = report.tables[later[0]].caption if later else report.sections["二"].heading.span
        expect = Expect("T001", shifted(span.line, first, last), span.column, logical=f"表{table_id}")
        return Planted(delete_lines(text, first, last), [expect])

    return plant


def delete_heading(section_id: str) -> Callable[[str, Report], Planted]:
    """Delete a part's heading line → S001 at the next part's heading, or at the last heading
    left when the last part lost its heading."""

    def plant(text: str, report: Report) -> Planted:
        order = [s.id for s in report.template.sections]
        heading = report.sections[section_id].heading.span
        later = [report.sections[s].heading.span for s in order[order.index(section_id) + 1:]]
        earlier = [report.sections[s].heading.span for s in order[:order.index(section_id)]]
        span = later[0] if later else earlier[-1]
        expect = Expect("S001", shifted(span.line, heading.line, heading.line), span.column,
                        logical=f"part/{section_id}")
        return Planted(delete_lines(text, heading.line, heading.line), [expect])

    return plant


def fee_statement_removed(text: str, report: Report) -> Planted:
    """Part 六's whole body becomes 「无。」, which is not a fee statement (spec §6) → F001 at 六's heading."""
    section = report.sections["六"]
    lines = _lines(text)
    if not any(line.strip() for line in lines[section.start_line - 1:section.end_line]):
        raise PlantError("part 六 is empty in the seed")
    lines[section.start_line - 1:section.end_line] = ["无。"]
    span = section.heading.span
    return Planted("\n".join(lines), [Expect("F001", span.line, span.column, logical="part/六")])


# ---------------------------------------------------------------- the catalogue

# ASCII names for test ids (pytest escapes CJK in ids, which makes -k selection painful).
_ASCII = {
    "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
    "自然人": "natural", "商业企业": "business", "科研机构": "research", "社会公益组织": "nonprofit",
    "法律服务机构": "legal", "其他": "other", "总计": "total", "数据": "data",
    "复议": "review", "直诉": "suit", "复诉": "suit-after-review",
    "维持": "upheld", "纠正": "corrected", "未结": "pending",
    "规章": "rules", "行政规范性文件": "normative-docs", "行政许可": "licensing", "行政处罚": "penalty",
    "行政强制": "coercion", "行政事业性收费": "fees", "本年制发件数": "issued", "本年废止件数": "repealed",
    "现行有效件数": "in-force", "本年处理决定数量": "decisions", "本年收费金额": "amount", "无": "wu",
}


def ascii_id(text: str) -> str:
    """`三.五.2` → `3.5.2`, `复议.维持` → `review.upheld`; other text is kept."""
    return ".".join(_ASCII.get(part, part) for part in text.split("."))


def _c(table_id: str, row: str, column: str) -> CellRef:
    return CellRef(table_id, row, column)


def _cell_id(ref: CellRef) -> str:
    return f"t{ascii_id(ref.table)}/{ascii_id(ref.row)}/{ascii_id(ref.column)}"


def _faults() -> list[Fault]:
    faults: list[Fault] = []
    # 1. one number of 表三 off by one: C001 always, C002 for a result row, C003 for 一/二/（七）/四.
    for row, column in [
        ("一", "总计"), ("一", "自然人"), ("二", "其他"), ("三.二", "法律服务机构"),
        ("三.三.1", "自然人"), ("三.五.5", "社会公益组织"), ("三.六.3", "总计"),
        ("三.七", "商业企业"), ("三.七", "总计"), ("四", "自然人"),
    ]:
        faults.append(Fault(f"t3-bump[{ascii_id(row)}/{ascii_id(column)}]", bump(_c("三", row, column))))
    # 2. one number of 表四 off by one: C004.
    for column in ("复议.维持", "直诉.总计", "复诉.未结"):
        faults.append(Fault(f"t4-bump[{ascii_id(column)}]", bump(_c("四", "数据", column))))
    # 3. a blank value cell: N001 (warning) alone; the relations through it are not evaluated.
    for ref in (_c("二.一", "规章", "本年废止件数"), _c("二.六", "行政强制", "本年处理决定数量"),
                _c("三", "三.四.2", "科研机构"), _c("三", "一", "总计"), _c("四", "数据", "复议.纠正")):
        faults.append(Fault(f"blank[{_cell_id(ref)}]", set_cell(ref, "", "N001", "warning")))
    # 4. negative, decimal and non-numbers.
    for ref, new, code in [
        (_c("二.一", "规章", "本年制发件数"), "-3", "N003"),
        (_c("三", "三.一", "自然人"), "-3", "N003"),
        (_c("四", "数据", "直诉.其他"), "-3", "N003"),
        (_c("二.八", "行政事业性收费", "本年收费金额"), "-3", "N003"),  # money is not negative either
        (_c("二.五", "行政许可", "本年处理决定数量"), "2.5", "N004"),
        (_c("三", "二", "自然人"), "2.5", "N004"),
        (_c("四", "数据", "复诉.维持"), "2.5", "N004"),
        (_c("二.八", "行政事业性收费", "本年收费金额"), "2.5", None),  # 万元: decimals are valid
        (_c("二.六", "行政处罚", "本年处理决定数量"), "/", "N002"),
        (_c("三", "三.三.4", "其他"), "无", "N002"),
        (_c("四", "数据", "复议.总计"), "无", "N002"),
    ]:
        faults.append(Fault(f"value[{_cell_id(ref)}={ascii_id(new)}]", set_cell(ref, new, code)))
    # 4b. the same number in full-width digits: N005 (warning) alone, the sums still add up.
    for ref in (_c("三", "一", "自然人"), _c("四", "数据", "复议.维持")):
        faults.append(Fault(f"wide[{_cell_id(ref)}]", widen(ref)))
    # 5. a deleted row: T002.
    for table_id, row in [
        ("二.一", "规章"), ("二.六", "行政强制"), ("二.五", "行政许可"),
        ("三", "一"), ("三", "三.二"), ("三", "三.五.2"), ("三", "三.六.3"), ("三", "四"),
    ]:
        faults.append(Fault(f"delete-row[t{ascii_id(table_id)}/{ascii_id(row)}]", delete_row(table_id, row)))
    # 6. a deleted 表二 block: T001.
    for table_id in ("二.一", "二.六", "二.八"):
        faults.append(Fault(f"delete-block[t{ascii_id(table_id)}]", delete_block(table_id)))
    # 7. a deleted part heading: S001.
    for section_id in ("一", "二", "三", "四", "五", "六"):
        faults.append(Fault(f"delete-heading[{ascii_id(section_id)}]", delete_heading(section_id)))
    # 8. no fee statement in 六: F001.
    faults.append(Fault("fee-statement-removed", fee_statement_removed))
    return faults


FAULTS: list[Fault] = _faults()
