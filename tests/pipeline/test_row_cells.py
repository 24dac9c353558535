"""Which cells are a row's label and which its values, and where a row starts when the text gives no
breaks: words in count cells (若干, 暂无, 不详) are values, a wrapped label's rest is its label, a
header naming rows stays a header; a row label with every cell left out is a blank row; 表四's data row
glued to its header words, or with every cell blank; bare `|` row openers.

The texts are rules/examples/2021.md (a clean report) rewritten into the layouts text extraction gives
(shared/spec/format.md §8) with one fault planted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from texts import edit

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.model import JUNK, LABEL, NUMBER
from xxgk_lint.pipeline.tables import classify, logical_rows

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "rules" / "examples" / "2021.md").read_text("utf-8")
HTML = ROOT / "tests" / "fixtures" / "html" / "utf8.html"
T4_ROW = "| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |"
T4_VALUES = ["1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "1", "0", "0", "0", "1"]
T4_COLUMNS = ["复议.维持", "复议.纠正", "复议.其他", "复议.未结", "复议.总计", "直诉.维持", "直诉.纠正", "直诉.其他",
              "直诉.未结", "直诉.总计", "复诉.维持", "复诉.纠正", "复诉.其他", "复诉.未结", "复诉.总计"]


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


def pipe(text: str) -> str:
    return text


def tab(text: str) -> str:
    """shared/reports/001: tab-separated rows, merged labels leave leading empty cells."""
    return "\n".join("\t".join(_cells(line)) if line.startswith("|") else line for line in text.split("\n"))


def cell_lines(text: str) -> str:
    """shared/reports/000: one cell per line, tab-indented, a blank line between rows; a label
    spanning columns and a value spanning columns write no empty cell after them."""
    out = []
    for line in text.split("\n"):
        if not line.startswith("|"):
            out.append(line)
            continue
        cells = _cells(line)
        while cells and not cells[-1]:
            cells.pop()
        labels = [i for i, c in enumerate(cells) if classify(c) is LABEL]
        if labels and any(classify(c) is not LABEL and c for c in cells):  # a data row: no span filler
            cells = cells[:labels[-1] + 1] + [c for c in cells[labels[-1] + 1:] if c]
        out += ["\t" + c for c in cells] + [""]
    return "\n".join(out)


def bare_pipes(text: str) -> str:
    """shared/reports/002 without its `||||` fillers: a row opens with a line `|`, each cell is
    `text |`, an empty cell ` |`."""
    out = []
    for line in text.split("\n"):
        if line.startswith("|"):
            out.append("|")
            out += [f"{c} |" if c else " |" for c in _cells(line)]
        else:
            out.append(line)
    return "\n".join(out)


def findings(rules, text: str, path: str = "r.txt") -> list[tuple[str, str]]:
    return [(d.code, d.logical) for d in lint_bytes(path, text.encode("utf-8"), rules)]


def report(text: str, path: str = "r.txt"):
    return parse(path, text.encode("utf-8"))


def last_line(text: str, needle: str) -> int:
    return [i + 1 for i, line in enumerate(text.split("\n")) if line == needle][-1]


def double(text: str) -> str:
    """A copied web page: each cell and paragraph on its line with a blank line after it; the
    cells a merged cell spans (and a cell left empty) are not written."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            out += [t for c in _cells(line) if c for t in (c, "")]
        elif line.strip():
            out += [line, ""]
    return "\n".join(out)


def line_no(text: str, needle: str) -> int:
    found = [i + 1 for i, line in enumerate(text.split("\n")) if line == needle]
    assert len(found) == 1, (needle, found)
    return found[0]


# ---------------------------------------------------------------------------------------------
# words in count cells


def _with_words(text: str) -> str:
    text = edit(text, "| 行政许可 | 56 | | |", "| 行政许可 | 若干 | | |")
    text = edit(text, "| 行政处罚 | 4 | | |", "| 行政处罚 | 约10 | | |")
    text = edit(text, "| | 2.重复申请 | 0 | 0 | 0 |", "| | 2.重复申请 | 不详 | 0 | 0 |")
    text = edit(text, "| | 3.要求提供公开出版物 | 0 | 0 | 0 |", "| | 3.要求提供公开出版物 | 0 | 暂无 | 0 |")
    return edit(text, T4_ROW, "| 暂无 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 不详 |")


@pytest.mark.parametrize("layout", [pipe, tab, cell_lines])
def test_a_word_in_a_count_cell_is_the_rows_value(rules, layout):
    text = layout(_with_words(EXAMPLE))
    parsed = report(text)
    permit = parsed.tables["二.五"].rows["行政许可"]
    assert permit.label.text == "行政许可"
    assert [(c.text, c.kind) for c in permit.values] == [("若干", JUNK)]
    assert [(c.text, c.kind) for c in parsed.tables["二.六"].rows["行政处罚"].values] == [("约10", JUNK)]
    assert [c.text for c in parsed.tables["三"].rows["三.五.2"].values] == ["不详", "0", "0", "0", "0", "0", "0"]
    assert [c.text for c in parsed.tables["三"].rows["三.五.3"].values] == ["0", "暂无", "0", "0", "0", "0", "0"]
    data = parsed.tables["四"].rows["数据"].values  # label-less: the words first and last
    assert [c.text for c in data] == ["暂无"] + T4_VALUES[1:-1] + ["不详"]
    assert not any(t.unaligned for t in parsed.tables.values())
    assert findings(rules, text) == [
        ("N002", "表二.五/行政许可/本年处理决定数量"), ("N002", "表二.六/行政处罚/本年处理决定数量"),
        ("N002", "表三/三.五.2/自然人"), ("N002", "表三/三.五.3/商业企业"),
        ("N002", "表四/数据/复议.维持"), ("N002", "表四/数据/复诉.总计"),
    ]


def test_a_word_is_found_at_its_own_cell(rules):
    text = cell_lines(_with_words(EXAMPLE))
    found = {d.logical: (d.line, d.column) for d in lint_bytes("r.txt", text.encode("utf-8"), rules)}
    assert found["表二.五/行政许可/本年处理决定数量"] == (line_no(text, "\t若干"), 2)
    assert found["表三/三.五.2/自然人"] == (line_no(text, "\t2.重复申请") + 1, 2)
    assert found["表三/三.五.3/商业企业"] == (line_no(text, "\t3.要求提供公开出版物") + 2, 2)
    assert found["表四/数据/复诉.总计"] == (last_line(text, "\t不详"), 2)
    assert found["表四/数据/复议.维持"] == (last_line(text, "\t暂无"), 2)


def test_the_rest_of_a_wrapped_label_is_the_label_not_a_value(rules):
    text = cell_lines(EXAMPLE)
    text = edit(text, "\t2.其他法律行政法规禁止公开\n", "\t2.其他法律行政法规禁\n\t止公开\n")
    parsed = report(text)
    row = parsed.tables["三"].rows["三.三.2"]
    at = line_no(text, "\t止公开")
    assert [(c.text, c.kind, c.span.line) for c in row.values] == [("0", NUMBER, at + i) for i in range(1, 8)]
    assert not parsed.tables["三"].unaligned
    assert not [f for f in findings(rules, text) if f[0] in ("N002", "P002", "T002", "C001", "C002")]


@pytest.mark.parametrize("first,rest", [("2.其他法律行政法规禁", "止公开"), ("2.其他法律行政法规", "禁止公开")])
def test_a_label_wrapped_onto_the_next_line_is_no_finding(rules, first, rest):
    """The label is whole, written on two lines: nothing is lost or misspelt, nothing to correct."""
    text = edit(cell_lines(EXAMPLE), "\t2.其他法律行政法规禁止公开\n", f"\t{first}\n\t{rest}\n")
    assert findings(rules, text) == []
    assert [c.text for c in report(text).tables["三"].rows["三.三.2"].values] == ["0"] * 7


@pytest.mark.parametrize("layout", [pipe, tab, cell_lines])
def test_a_header_row_naming_several_rows_stays_a_header(rules, layout):
    header = "| 项目 | 本年新收件数 | 上年结转件数 | 办理结果 | 总计 |"
    text = layout(edit(EXAMPLE, "| 一、本年新收政府信息公开申请数量 |", header + "\n| 一、本年新收政府信息公开申请数量 |"))
    parsed = report(text)
    table = parsed.tables["三"]
    assert "本年新收件数上年结转件数" in table.header_keys
    # rows 一 and 二 are their own rows, below the header, with their values
    assert table.rows["一"].label.text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in table.rows["一"].values] == ["10", "2", "0", "0", "0", "0", "12"]
    assert [c.text for c in table.rows["二"].values] == ["1", "0", "0", "0", "0", "0", "1"]
    header_line = next(i + 1 for i, line in enumerate(text.split("\n")) if "本年新收件数" in line)
    assert table.rows["一"].label.span.line > header_line
    assert findings(rules, text) == []


# ---------------------------------------------------------------------------------------------
# a row label with every cell left out


@pytest.mark.parametrize("layout,old,new", [
    (pipe, "| 规章 | 0 | 0 | 0 |", "| 规章 |"),
    (cell_lines, "\t规章\n\t0\n\t0\n\t0\n", "\t规章\n"),
])
def test_a_label_alone_is_its_row_present_and_blank(rules, layout, old, new):
    text = edit(layout(EXAMPLE), old, new)
    parsed = report(text)
    row = parsed.tables["二.一"].rows["规章"]
    assert row.label.text == "规章" and [c.text for c in row.values] == ["", "", ""]
    at = line_no(text, new.rstrip("\n"))
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line) for d in found] == [
        ("N001", "表二.一/规章/本年制发件数", at), ("N001", "表二.一/规章/本年废止件数", at),
        ("N001", "表二.一/规章/现行有效件数", at)]  # not T002: the row is there
    assert {d.column for d in found} == {row.label.span.end_column}


@pytest.mark.parametrize("spaced", [False, True])
def test_a_run_of_label_only_rows_is_split_at_each_row_label(rules, spaced):
    if spaced:  # a copied web page: a blank line after every cell, no row breaks
        text = edit(EXAMPLE, "| 行政处罚 | 4 | | |\n| 行政强制 | 0 | | |", "| 行政处罚 | | | |\n| 行政强制 | | | |")
        text = double(text)
        first, second = "行政处罚", "行政强制"
    else:
        text = edit(cell_lines(EXAMPLE), "\t行政处罚\n\t4\n\n\t行政强制\n\t0\n", "\t行政处罚\n\t行政强制\n")
        first, second = "\t行政处罚", "\t行政强制"
    parsed = report(text)
    rows = parsed.tables["二.六"].rows
    assert [c.text for c in rows["行政处罚"].values] == [""] and [c.text for c in rows["行政强制"].values] == [""]
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line) for d in found] == [
        ("N001", "表二.六/行政处罚/本年处理决定数量", line_no(text, first)),
        ("N001", "表二.六/行政强制/本年处理决定数量", line_no(text, second))]


def test_a_label_alone_is_not_taken_where_rows_lost_their_labels(rules):
    """The label may be a lost row's: the table's label-less rows keep their P002 (with the label
    their place presumes), and the row stays missing rather than blank."""
    text = edit(EXAMPLE, "| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| （三）不予公开 | 1.属于国家秘密 |")
    text = edit(text, "| | 3.危及“三安全一稳定” |", "| | |")
    parsed = report(text)
    assert "三.三.1" not in parsed.tables["三"].rows
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line) for d in found] == [
        ("T002", "表三/三.三.1", line_no(text, "| | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")),
        ("P002", "表三/未对应/3.危及“三安全一稳定”", line_no(text, "| | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"))]
    assert "按位置应为「3.危及“三安全一稳定”」" in found[1].message
    # the same label alone in the same table without the lost row: present and blank
    alone = edit(EXAMPLE, "| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| （三）不予公开 | 1.属于国家秘密 |")
    assert [c for c, _ in findings(rules, alone)] == ["N001"] * 7


def test_a_label_alone_is_taken_beside_a_row_of_too_few_cells(rules):
    """A row whose label was read but whose cells do not fit is no lost label: the label alone is
    still its own row."""
    text = edit(EXAMPLE, "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | 1 | 12 |", "| 规章 |\n| 行政规范性文件 | 3 | 12 |")
    assert findings(rules, text) == [
        ("N001", "表二.一/规章/本年制发件数"), ("N001", "表二.一/规章/本年废止件数"), ("N001", "表二.一/规章/现行有效件数"),
        ("P002", "表二.一/未对应/行政规范性文件")]


def test_a_label_alone_is_not_taken_beside_a_label_less_row(rules):
    text = edit(EXAMPLE, "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | 1 | 12 |",
                "| 规章 |\n| 行政规范性文件 | 3 | 1 | 12 |\n| | 0 | 0 | 0 |")
    assert "规章" not in report(text).tables["二.一"].rows
    assert findings(rules, text) == [("T002", "表二.一/规章"), ("P002", "表二.一/未对应/1")]


# ---------------------------------------------------------------------------------------------
# 表四: the data row glued to its header, every cell blank, a cell left out


T4_HEADER_END = "\t尚未审结\n\t总计\n\n\t1\n"


@pytest.mark.parametrize("how", ["cell-lines", "double-spaced", "one-pipe-row"])
def test_table4_data_row_glued_to_its_header_words(rules, how):
    if how == "cell-lines":  # no blank line between the header's last word and the first count
        text = edit(cell_lines(EXAMPLE), T4_HEADER_END, "\t尚未审结\n\t总计\n\t1\n")
    elif how == "double-spaced":  # a blank line after every cell: no row breaks anywhere
        text = double(EXAMPLE)
    else:  # the header's last row and the data row on one line
        text = edit(EXAMPLE, "| 尚未审结 | 总计 |\n" + T4_ROW, "| 尚未审结 | 总计 " + T4_ROW)
    parsed = report(text)
    data = parsed.tables["四"].rows["数据"]
    assert [(c.text, c.kind) for c in data.values] == [(v, NUMBER) for v in T4_VALUES]
    assert "结果维持" in parsed.tables["四"].header_keys and "复议后起诉" in parsed.tables["四"].header_keys
    if how == "cell-lines":
        at = last_line(text, "\t总计")
        assert [c.span.line for c in data.values] == list(range(at + 1, at + 16))
    elif how == "double-spaced":
        at = last_line(text, "总计")
        assert [c.span.line for c in data.values] == list(range(at + 2, at + 31, 2))
    else:
        at = next(i + 1 for i, line in enumerate(text.split("\n")) if line.endswith("| 尚未审结 | 总计 " + T4_ROW))
        assert {c.span.line for c in data.values} == {at}
    assert findings(rules, text) == []


def test_table4_header_with_14_counts_reports_the_counts(rules):
    text = edit(cell_lines(EXAMPLE), "\t尚未审结\n\t总计\n\n\t1\n\t0\n", "\t尚未审结\n\t总计\n\t1\n")
    parsed = report(text)
    table = parsed.tables["四"]
    assert table.found and "数据" not in table.rows
    assert [c.text for c in table.unaligned[0].row.cells] == ["1"] + T4_VALUES[2:]
    at = last_line(text, "\t总计")
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.line, d.column) for d in found] == [("P002", at + 1, 2)]  # no T001, no T004


@pytest.mark.parametrize("how", ["pipe", "tab"])
def test_table4_with_every_cell_blank_is_blank_not_missing(rules, how):
    if how == "pipe":
        text = edit(EXAMPLE, T4_ROW, "|" + "  |" * 15)
        columns = [2 + 3 * i for i in range(15)]
    else:
        text = edit(tab(EXAMPLE), "\t".join(T4_VALUES), "\t" * 14)
        columns = list(range(1, 16))
    line = line_no(text, "|" + "  |" * 15 if how == "pipe" else "\t" * 14)
    parsed = report(text)
    assert [c.text for c in parsed.tables["四"].rows["数据"].values] == [""] * 15
    found = lint_bytes("r.txt", text.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line, d.column) for d in found] == [
        ("N001", f"表四/数据/{c}", line, col) for c, col in zip(T4_COLUMNS, columns)]


def test_table4_with_every_td_empty_is_blank_not_missing(rules):
    page = HTML.read_text("utf-8")
    header_end = page.index("</tr>", page.index("<td>结果维持</td>", page.index("未经复议直接起诉")))
    start = page.index("<tr>", header_end)
    end = page.index("</tr>", start)
    row = page[start:end]
    assert len(re.findall(r"<td>\d+</td>", row)) == 15
    page = page[:start] + re.sub(r"<td>\d+</td>", "<td></td>", row) + page[end:]
    first = page[:start].count("\n") + 2  # one <td> a line, after the <tr> line
    parsed = report(page, "r.html")
    assert [c.text for c in parsed.tables["四"].rows["数据"].values] == [""] * 15
    found = lint_bytes("r.html", page.encode("utf-8"), rules)
    assert [(d.code, d.logical, d.line, d.column) for d in found] == [
        ("N001", f"表四/数据/{c}", first + i, 3) for i, c in enumerate(T4_COLUMNS)]


# ---------------------------------------------------------------------------------------------
# bare `|` row openers


def test_bare_row_openers_break_rows(rules):
    text = bare_pipes(EXAMPLE)
    parsed = report(text)
    data = parsed.tables["四"].rows["数据"]
    assert [c.text for c in data.values] == T4_VALUES
    at = last_line(text, "总计 |")  # the header's last word, then `|` opening the data row
    assert text.split("\n")[at] == "|"
    assert [c.span.line for c in data.values] == list(range(at + 2, at + 17))
    part = parsed.sections["四"]
    rows = [[c.text for c in r.cells] for r in logical_rows(parsed.doc.text_between(part.start_line, part.end_line))]
    assert rows[-1] == T4_VALUES  # the data row is a row of its own, not glued to the header
    assert rows[-2][-1] == "总计" and len(rows[-2]) == 15
    assert findings(rules, text) == []  # 总计 is no row label: no P002, no T004
