"""Double-spaced text (a web page copied as text: every cell on its own line with a blank line after
it, so blank lines say nothing about rows): detected from the text itself, rows gather their values,
an empty cell is one or two further blank lines (learned from the part's own runs), a count alone on
its line is a cell there (not a page number), and the tab-indented one-cell-per-line layout of
shared/reports/000 is not taken for it."""
from __future__ import annotations

from pathlib import Path

import pytest
from texts import edit, example

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.model import NUMBER, Line
from xxgk_lint.pipeline.tables import _learn, double_spaced, logical_rows

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "fixtures" / "reports"
EMPTY = "∅"  # in a pipe row given to `double`: an empty value cell


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def double(text: str, empty_lines: int = 1) -> str:
    """The report as a copied web page: each table cell and each paragraph on its line with a blank
    line after it; the cells a merged cell spans are not written; a cell `∅` is an empty value cell,
    written as `empty_lines` further blank lines."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            for cell in (c.strip() for c in line.strip()[1:-1].split("|")):
                if cell == EMPTY:
                    out += [""] * empty_lines
                elif cell:
                    out += [cell, ""]
        elif line.strip():
            out += [line, ""]
    return "\n".join(out) + "\n"


def lines_of(texts: list[str]) -> list[Line]:
    return [Line(i + 1, t, t, None) for i, t in enumerate(texts)]


def is_double(texts: list[str]) -> bool:
    return double_spaced([_learn(t, False, {}) for t in texts], texts)


def line_no(text: str, needle: str) -> int:
    """The 1-based line that is exactly `needle` (once in the text)."""
    found = [i + 1 for i, line in enumerate(text.split("\n")) if line == needle]
    assert len(found) == 1, (needle, found)
    return found[0]


def cells(match) -> list[tuple[str, int]]:
    return [(c.text, c.span.line) for c in match.values]


def codes(found) -> list[tuple[str, str]]:
    return [(d.code, d.logical) for d in found]


# ---------------------------------------------------------------------------------------------
# detection


def test_a_copied_page_is_double_spaced_and_its_rows_collect_their_values(rules):
    text = double(example("2021"))
    report = parse("r.txt", text.encode("utf-8"))
    part = report.sections["二"]
    assert is_double([line.text for line in report.doc.text_between(part.start_line, part.end_line)])
    at = line_no(text, "规章")
    assert cells(report.tables["二.一"].rows["规章"]) == [("0", at + 2), ("0", at + 4), ("0", at + 6)]
    at = line_no(text, "行政规范性文件")
    assert cells(report.tables["二.一"].rows["行政规范性文件"]) == [("3", at + 2), ("1", at + 4), ("12", at + 6)]
    at = line_no(text, "行政事业性收费")
    assert cells(report.tables["二.八"].rows["行政事业性收费"]) == [("31.5", at + 2)]
    at = line_no(text, "（一）予以公开")
    assert [t for t, _ in cells(report.tables["三"].rows["三.一"])] == ["5", "1", "0", "0", "0", "0", "6"]
    assert cells(report.tables["三"].rows["三.一"])[0] == ("5", at + 2)
    assert [c.text for c in report.tables["四"].rows["数据"].values] == \
        ["1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "1", "0", "0", "0", "1"]
    # the clean example stays clean when copied so: no row lost, no page number taken for a count
    assert codes(lint_bytes("r.txt", text.encode("utf-8"), rules)) == []


def test_tab_indented_cells_that_follow_each_other_are_not_double_spaced():
    """000: one cell per line, tab-indented, a blank line between rows (not after every cell)."""
    path = next(REPORTS.glob("000_*.txt"))
    report = parse(str(path), path.read_bytes())
    assert not is_double([line.text for line in report.doc.lines])
    for part in report.sections.values():
        assert not is_double([line.text for line in report.doc.text_between(part.start_line, part.end_line)])
    raw = path.read_text("utf-8")
    at = line_no(raw, "\t规章")
    assert cells(report.tables["二.一"].rows["规章"]) == [("0", at + 1), ("0", at + 2), ("0", at + 3)]
    at = line_no(raw, "\t行政许可")
    assert cells(report.tables["二.五"].rows["行政许可"]) == [("28", at + 1)]


def test_one_cell_per_line_with_a_blank_line_between_rows_is_not_double_spaced():
    texts = ["\t信息内容", "\t本年制发件数", "\t本年废止件数", "\t现行有效件数", "",
             "\t规章", "\t0", "\t0", "\t0", "", "\t行政规范性文件", "\t3", "\t1", "\t12", ""]
    assert not is_double(texts)
    rows = logical_rows(lines_of(texts))
    assert [[c.text for c in r.cells] for r in rows] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"], ["行政规范性文件", "3", "1", "12"]]
    # the same cells, each followed by a blank line, are
    assert is_double([t for cell in texts if cell for t in (cell.strip(), "")])


# ---------------------------------------------------------------------------------------------
# empty cells: one further blank line, or two — learned from the part's runs


@pytest.mark.parametrize("empty_lines", [1, 2])
def test_an_empty_cell_is_further_blank_lines(rules, empty_lines):
    text = edit(example("2021"), "| 规章 | 0 | 0 | 0 |", f"| 规章 | 0 | {EMPTY} | 0 |")
    text = edit(text, "| 行政规范性文件 | 3 | 1 | 12 |", f"| 行政规范性文件 | 3 | 1 | {EMPTY} |")
    text = double(text, empty_lines)
    report = parse("r.txt", text.encode("utf-8"))
    at = line_no(text, "规章")
    # the empty cell stands at the first blank line after the cell's own: the next count after it all
    assert cells(report.tables["二.一"].rows["规章"]) == [("0", at + 2), ("", at + 4), ("0", at + 4 + empty_lines)]
    at = line_no(text, "行政规范性文件")
    assert cells(report.tables["二.一"].rows["行政规范性文件"]) == [("3", at + 2), ("1", at + 4), ("", at + 6)]
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line) for d in found] == [
        ("N001", "表二.一/规章/本年废止件数", line_no(text, "规章") + 4),
        ("N001", "表二.一/行政规范性文件/现行有效件数", line_no(text, "行政规范性文件") + 6),
    ]


def test_a_run_of_two_means_one_line_per_empty_cell_throughout_the_part(rules):
    """A run of two empty lines can only be one empty cell of one line: the part's run of three is
    then two empty cells, not one of two lines."""
    text = edit(example("2021"), "| 规章 | 0 | 0 | 0 |", f"| 规章 | 0 | {EMPTY} | 0 |")
    text = edit(text, "| 行政规范性文件 | 3 | 1 | 12 |", f"| 行政规范性文件 | {EMPTY} | {EMPTY} | 12 |")
    text = double(text, 1)
    report = parse("r.txt", text.encode("utf-8"))
    at = line_no(text, "行政规范性文件")
    assert cells(report.tables["二.一"].rows["行政规范性文件"]) == [("", at + 2), ("", at + 3), ("12", at + 4)]
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical) for d in found] == [
        ("N001", "表二.一/规章/本年废止件数"),
        ("N001", "表二.一/行政规范性文件/本年制发件数"), ("N001", "表二.一/行政规范性文件/本年废止件数")]


@pytest.mark.parametrize("empty_lines,expected", [
    (2, [("0", 2), ("", 4), ("0", 6)]),  # a run of three: one empty cell of two lines fits the columns
    (1, None),
])
def test_odd_runs_are_read_as_the_columns_need(empty_lines, expected):
    """Runs of odd length only: an empty cell may be one line or two; the reading whose rows fit wins."""
    if expected is None:  # two empty cells of one line each in a row of three: a run of three too
        text = double(edit(example("2021"), "| 行政规范性文件 | 3 | 1 | 12 |",
                           f"| 行政规范性文件 | {EMPTY} | {EMPTY} | 12 |"), 1)
        label, expected = "行政规范性文件", [("", 2), ("", 3), ("12", 4)]
    else:
        text = double(edit(example("2021"), "| 规章 | 0 | 0 | 0 |", f"| 规章 | 0 | {EMPTY} | 0 |"), 2)
        label = "规章"
    report = parse("r.txt", text.encode("utf-8"))
    at = line_no(text, label)
    assert cells(report.tables["二.一"].rows[label]) == [(t, at + d) for t, d in expected]
    assert not report.tables["二.一"].unaligned


def test_a_trailing_empty_cell_at_the_end_of_a_table(rules):
    text = edit(example("2021"), "| 行政事业性收费 | 31.5 | | |", f"| 行政事业性收费 | {EMPTY} | | |")
    text = edit(text, "| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |",
                f"| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | {EMPTY} |")
    text = double(text)
    report = parse("r.txt", text.encode("utf-8"))
    at = line_no(text, "行政事业性收费")  # the last cell of part 二: the heading of 三 follows the blanks
    assert cells(report.tables["二.八"].rows["行政事业性收费"]) == [("", at + 2)]
    values = report.tables["四"].rows["数据"].values
    assert [c.text for c in values] == ["1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "1", "0", "0", "0", ""]
    last = line_no(text, "五、存在的主要问题及改进情况") - 1  # the blank line after 表四's last count
    assert values[-1].span.line == last
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line) for d in found] == [
        ("N001", "表二.八/行政事业性收费/本年收费金额", at + 2),
        ("N001", "表四/数据/复诉.总计", last),
    ]


# ---------------------------------------------------------------------------------------------
# a count alone on its line


def test_a_count_alone_on_its_line_is_a_cell_in_double_spaced_text():
    texts = ["信息内容", "", "上一年项目数量", "", "本年增/减", "", "处理决定数量", "",
             "行政许可", "", "12", "", "-1", "", "4", "", "行政处罚", "", "0", "", "0", "", "0", ""]
    assert is_double(texts)
    rows = logical_rows(lines_of(texts))
    # (the header words and 行政许可 gather into one row here: the template's labels cut them apart later)
    assert [(c.text, c.kind, c.span.line) for c in rows[-2].cells[-4:]] == [
        ("行政许可", "label", 9), ("12", NUMBER, 11), ("-1", NUMBER, 13), ("4", NUMBER, 15)]
    assert [(c.text, c.span.line) for c in rows[-1].cells] == [("行政处罚", 17), ("0", 19), ("0", 21), ("0", 23)]


def test_a_number_alone_between_rows_is_a_page_number_elsewhere():
    texts = ["| 行政许可 | 12 | -1 | 4 |", "", "-1", "", "| 行政处罚 | 0 | 0 | 0 |"]
    rows = logical_rows(lines_of(texts))
    assert [[c.text for c in r.cells] for r in rows] == [["行政许可", "12", "-1", "4"], ["行政处罚", "0", "0", "0"]]


def test_a_negative_change_alone_on_its_line_is_checked_as_a_value(rules):
    """2019's 本年增/减 is signed: `-1` alone on its line is that cell, not a page mark."""
    text = double(edit(example("2019"), "| 行政许可 | 12 | -2 | 56 |", "| 行政许可 | 12 | -1 | 56 |"))
    report = parse("r.txt", text.encode("utf-8"))
    assert report.tables["二.五"].template == "2019"
    at = line_no(text, "行政许可")
    assert cells(report.tables["二.五"].rows["行政许可"]) == [("12", at + 2), ("-1", at + 4), ("56", at + 6)]
    assert report.tables["二.五"].rows["行政许可"].values[1].kind is NUMBER
    assert codes(lint_bytes("r.txt", text.encode("utf-8"), rules)) == []
