"""P006 (rules/P006-near-miss-label.yaml): a row label that nearly is the template's is aligned to
that row, said once as a warning, and its numbers are still checked; a column header read in two
pieces is said instead of a missing column (T004). Shown on rules/examples/2021.md, a clean report."""
from __future__ import annotations

import pytest
from texts import edit, example

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules

ROW = "| | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
T3_SUBHEADER = "| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |"


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def lint(rules, text: str, **options):
    return lint_bytes("r.md", text.encode("utf-8"), rules, **options)


def line_of(text: str, needle: str) -> int:
    found = [i + 1 for i, line in enumerate(text.split("\n")) if line == needle]
    assert len(found) == 1, (needle, found)
    return found[0]


def to_tab(text: str) -> str:
    return "\n".join("\t".join(c.strip() for c in line.strip()[1:-1].split("|")) if line.startswith("|") else line
                     for line in text.split("\n"))


# ---------------------------------------------------------------------------------------------
# row labels


def test_the_clean_example_has_no_near_miss(rules):
    assert [d.code for d in lint(rules, example())] == []


def test_a_row_label_that_lost_characters_is_one_warning_quoting_both(rules):
    text = edit(example(), ROW, "| | 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    found = lint(rules, text)
    assert [(d.code, d.severity) for d in found] == [("P006", "warning")]  # no P002, no T002
    (p006,) = found
    assert (p006.line, p006.column) == (line_of(text, "| | 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"), 5)
    assert p006.logical == "表三/三.三.2/标签"
    assert "「2.其他法律行政止公开」" in p006.message and "「2.其他法律行政法规禁止公开」" in p006.message
    row = parse("r.md", text.encode("utf-8")).tables["三"].rows["三.三.2"]
    assert row.label.text == "2.其他法律行政止公开" and [c.text for c in row.values] == ["0"] * 7


def test_a_near_miss_rows_numbers_are_still_checked(rules):
    bad = "| | 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |"  # 总计 1, but its columns add up to 0
    text = edit(example(), ROW, bad)
    found = lint(rules, text)
    by_code = {}
    for d in found:
        by_code.setdefault(d.code, []).append(d)
    assert "P002" not in by_code
    assert [d.logical for d in by_code["P006"]] == ["表三/三.三.2/标签"]
    (c001,) = by_code["C001"]
    assert c001.logical == "表三/三.三.2/总计"
    assert (c001.line, c001.column) == (line_of(text, bad), bad.rindex("1") + 1)
    assert "2.其他法律行政法规禁止公开" in c001.message and "总计为 1" in c001.message
    assert [d.logical for d in by_code["C002"]] == ["表三/三.七/总计"]  # the column no longer adds up either
    assert set(by_code) == {"P006", "C001", "C002"}


@pytest.mark.parametrize("label", ["2.其他法律政行法规禁止公开", "2.其他法律行政法规禁止公升"])
def test_a_swapped_or_misread_character_is_a_near_miss(rules, label):
    text = edit(example(), "| | 2.其他法律行政法规禁止公开 |", f"| | {label} |")
    found = lint(rules, text)
    assert [(d.code, d.logical) for d in found] == [("P006", "表三/三.三.2/标签")]
    assert f"「{label}」" in found[0].message


def test_a_near_miss_in_tab_separated_rows(rules):
    text = to_tab(edit(example(), ROW, "| | 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"))
    found = lint(rules, text)
    assert [(d.code, d.logical, d.line, d.column) for d in found] == [
        ("P006", "表三/三.三.2/标签", line_of(text, "\t2.其他法律行政止公开\t0\t0\t0\t0\t0\t0\t0"), 2)]


def test_an_ambiguous_label_is_no_near_miss(rules):
    """行政处制 is one edit from 行政处罚 and one from 行政强制: the row is reported, not guessed."""
    text = edit(example(), "| 行政处罚 | 4 | | |", "| 行政处制 | 4 | | |")
    found = lint(rules, text)
    assert "P006" not in [d.code for d in found]
    assert [(d.code, d.line) for d in found if d.code == "P002"] == [("P002", line_of(text, "| 行政处制 | 4 | | |"))]


def test_p006_off_leaves_the_row_aligned_and_silent(rules):
    text = edit(example(), ROW, "| | 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    others = [r for r in rules if r.code != "P006"]
    assert lint(others, text) == []


# ---------------------------------------------------------------------------------------------
# column headers


def test_a_header_word_read_in_two_pieces_is_a_near_miss_not_a_missing_column(rules):
    text = edit(example(), T3_SUBHEADER, "| | | | 商业企业 | 科研机构 | 社会公 | 法律服务机构 | 其他 | |\n"
                                         "| | | | | | 益组织 | | | |")
    found = lint(rules, text)
    assert [(d.code, d.severity, d.logical) for d in found] == [("P006", "warning", "表三/表头/社会公益组织")]
    assert (found[0].line, found[0].column) == (line_of(text, "| | | | 商业企业 | 科研机构 | 社会公 | 法律服务机构 | 其他 | |"),
                                                 len("| | | | 商业企业 | 科研机构 | ") + 1)
    assert "「社会公」…「益组织」" in found[0].message and "「社会公益组织」" in found[0].message


def test_a_header_word_that_is_not_there_is_a_missing_column(rules):
    text = edit(example(), T3_SUBHEADER, "| | | | 商业企业 | 科研机构 | 社会团体 | 法律服务机构 | 其他 | |")
    found = lint(rules, text)
    assert [(d.code, d.logical) for d in found] == [("T004", "表三/表头")]
    assert "社会公益组织" in found[0].message


def test_other_header_words_are_not_a_split_column(rules):
    """A 2019 表二 read under a configured 2021 template: its 上一年项目数量 · 本年增/减 · 处理决定数量 hold
    「本年」 and 「处理决定数量」, but no 本年处理决定数量 written in two pieces — that column is missing."""
    found = lint(rules, example("2019"), template="2021")
    assert [d.logical for d in found if d.code == "P006"] == []
    assert {d.logical for d in found if d.code == "T004"} >= {"表二.五/表头", "表二.六/表头"}
