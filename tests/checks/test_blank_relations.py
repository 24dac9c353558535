"""One defect, one finding: a blank cell (or one that is not a number) in a relation of C001–C004
is not counted as 0. The relation is not evaluated (never a C-error), and the cell's own finding
(N001) names the relations it leaves unverified, whichever rules run and in whatever order."""
from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import xxgk_lint
from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.kinds import sum_equals
from xxgk_lint.checks.rule import rule_from_dict
from xxgk_lint.checks.ruleset import load_rules

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
BY_CODE = {r.code: r for r in RULES}

ROW_ONE = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
ROW_FOUR = "| 四、结转下年度继续办理 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
ROW_DISCLOSED = "| 三、本年度办理结果 | （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
T4_ROW = "| 1 | 0 | 0 | 1 | 2 |"

BALANCE = "本列「一 + 二 = （七）总计 + 四」"
BALANCE_EN = "this column's '一 + 二 = （七）总计 + 四'"


def edited(*pairs: tuple[str, str]) -> bytes:
    text = BASE
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def lint(data: bytes, rules=RULES, lang: str = "zh"):
    return lint_bytes("r.md", data, rules, lang=lang)


def found(diagnostics) -> list[tuple[str, str, str]]:
    return [(d.code, d.logical, d.message) for d in diagnostics]


# ---------------------------------------------------------------- the finding of a blank cell

def test_a_blank_total_is_one_finding_naming_the_relations_it_leaves_unverified():
    """四's 总计 blank (the kewei report's case): C001 saw 0 ≠ 1 and C003 13 ≠ 12; now N001 alone."""
    data = edited((ROW_FOUR, ROW_FOUR[:-4] + "|"))
    assert found(lint(data)) == [(
        "N001", "表三/四/总计",
        "表三「四、结转下年度继续办理」行「总计」列为空；没有数据应填 0"
        f"（因此无法核对：本行「总计」、{BALANCE}的勾稽关系）")]
    assert found(lint(data, lang="en")) == [(
        "N001", "表三/四/总计",
        "table 3 row '四、结转下年度继续办理', column '总计' is blank; write 0 where there is none"
        f" (so these relations cannot be checked: this row's '总计', {BALANCE_EN})")]


@pytest.mark.parametrize("old,new,logical,names", [
    # an addend of a row total and of the balance of its column
    (ROW_ONE, ROW_ONE.replace("| | 10 |", "| | |"), "表三/一/自然人", ["本行「总计」", BALANCE]),
    # an addend of a row total and of its column's （七）总计
    (ROW_DISCLOSED, ROW_DISCLOSED.replace("| 5 |", "| |"), "表三/三.一/自然人", ["本行「总计」", "本列「（七）总计」"]),
    # （七）总计's 总计: the total of its row, of its column, and a term of the balance
    ("| | （七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | 12 |", "| | （七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | |", "表三/三.七/总计",
     ["本行「总计」", "本列「（七）总计」", BALANCE]),
    # 表四 has one unlabelled row: the group's total is named as it is
    (T4_ROW, "| 1 | | 0 | 1 | 2 |", "表四/数据/复议.纠正", ["「行政复议 总计」"]),
])
def test_a_blank_addend_or_total_names_each_relation_through_it_and_no_relation_is_reported(old, new, logical, names):
    diagnostics = lint(edited((old, new)))
    assert [d.code for d in diagnostics] == ["N001"], found(diagnostics)
    (n001,) = diagnostics
    assert n001.logical == logical
    assert n001.message.endswith("没有数据应填 0（因此无法核对：" + "、".join(names) + "的勾稽关系）"), n001.message


def test_a_blank_cell_outside_every_relation_keeps_the_plain_message():
    (n001,) = lint(edited(("| 行政强制 | 0 |", "| 行政强制 | |")))
    assert n001.message == "表二第二十条第（六）项「行政强制」为空；没有数据应填 0"


def test_two_blank_cells_each_name_their_own_relations_once():
    row = ROW_ONE.replace("| | 10 | 2 |", "| | | |")  # 自然人 and 商业企业 of row 一
    diagnostics = lint(edited((ROW_ONE, row)))
    assert [(d.code, d.logical) for d in diagnostics] == [("N001", "表三/一/自然人"), ("N001", "表三/一/商业企业")]
    assert all(d.message.endswith(f"（因此无法核对：本行「总计」、{BALANCE}的勾稽关系）") for d in diagnostics)


# ---------------------------------------------------------------- whichever rules run, in any order

BLANK_TOTAL = edited((ROW_FOUR, ROW_FOUR[:-4] + "|"))


@pytest.mark.parametrize("codes", [
    ["N001"],  # --select N001
    ["N001", "C004", "C003", "C002", "C001"],  # the relations' rules after the cell's
    ["C001", "N001"],
])
def test_the_note_does_not_depend_on_which_rules_run_or_their_order(codes):
    expected = found(lint(BLANK_TOTAL))
    assert found(lint(BLANK_TOTAL, [BY_CODE[c] for c in codes])) == expected


@pytest.mark.parametrize("codes,still", [
    (["C001"], {("C001", "表三/一/总计")}),
    (["C001", "C002", "C003", "C004"], {("C001", "表三/一/总计"), ("C003", "表三/三.七/自然人")}),
    (["C003"], {("C003", "表三/三.七/自然人")}),
])
def test_without_n001_a_blank_cell_still_makes_no_relation_error(codes, still):
    """`--ignore N001`, `--select C001`: counting the blank as 0 would be a false error."""
    rules = [BY_CODE[c] for c in codes]
    assert lint(BLANK_TOTAL, rules) == []
    # the relations whose cells are all there are still checked: 一's 自然人 10 → 11 is found, by
    # its row's total and by its column's balance (the 总计 column's balance, through the blank, is not)
    both = edited((ROW_FOUR, ROW_FOUR[:-4] + "|"), (ROW_ONE, ROW_ONE.replace("| | 10 |", "| | 11 |")))
    assert {(d.code, d.logical) for d in lint(both, rules)} == still


def test_relations_with_every_cell_present_are_reported_as_before():
    diagnostics = lint(edited((ROW_ONE, ROW_ONE.replace("| 12 |", "| 13 |"))))
    assert [(d.code, d.logical, d.message) for d in diagnostics if d.code == "C001"] == [
        ("C001", "表三/一/总计", "表三「一、本年新收政府信息公开申请数量」行：总计为 13，但自然人与五类法人或其他组织之和为 12，相差 1")]
    assert "C003" in {d.code for d in diagnostics}


# ---------------------------------------------------------------- cells that are not numbers

def test_a_cell_that_is_not_a_number_is_unverifiable_like_a_blank():
    data = edited((ROW_ONE, ROW_ONE.replace("| | 10 |", "| | 无 |")))
    diagnostics = lint(data)
    assert [(d.code, d.logical) for d in diagnostics] == [("N002", "表三/一/自然人")]
    assert diagnostics[0].message.endswith(f"「无」不是数字（因此无法核对：本行「总计」、{BALANCE}的勾稽关系）")
    # any cell rule may name the relations: the placeholder is there for every one
    custom = rule_from_dict({"code": "X002", "name": "not-a-number-noted", "kind": "cell_value", "severity": "error",
                             "check": "number", "message": "{cell}「{value}」不是数字{unverified}",
                             "message_en": "{cell} '{value}' is not a number{unverified}"}, "x.yaml")
    (x002,) = lint(data, [custom])
    assert x002.message.endswith(f"「无」不是数字（因此无法核对：本行「总计」、{BALANCE}的勾稽关系）")


def test_signed_and_fractional_numbers_still_take_part_in_the_sums():
    """N003/N004 cells are numbers: their relations are checked (and their findings add no note)."""
    data = edited((ROW_ONE, ROW_ONE.replace("| | 10 |", "| | -10 |")))
    assert {d.code for d in lint(data)} >= {"N003", "C001", "C003"}
    (n003,) = [d for d in lint(data) if d.code == "N003"]
    assert "无法核对" not in n003.message


# ---------------------------------------------------------------- the loaded sum rules

def _user_sum_rule(code: str = "X010"):
    return rule_from_dict({"code": code, "name": "natural-persons-total", "kind": "sum_equals", "severity": "error",
                           "table": "三", "per": "column", "columns": ["自然人"], "relation": "三.七 = 三.一 + 三.二",
                           "message": "{where}{note}", "message_en": "{where}{note}"}, "x.yaml")


def test_a_users_sum_rule_is_named_while_it_is_loaded_and_forgotten_after():
    data = edited((ROW_DISCLOSED, ROW_DISCLOSED.replace("| 5 |", "| |")))
    before = found(lint(data))
    user = _user_sum_rule()
    assert any(sums is user.prepared for sums in sum_equals.loaded())
    (n001,) = [d for d in lint(data, RULES + [user]) if d.code == "N001"]
    # its relation (total （七）总计 on the 自然人 column) reads as C002's: named once
    assert n001.message.endswith("（因此无法核对：本行「总计」、本列「（七）总计」的勾稽关系）")
    del user, n001
    gc.collect()
    assert found(lint(data)) == before
    assert all(sums.table in ("三", "四") for sums in sum_equals.loaded())


def test_a_users_balance_rule_is_named_in_its_own_words():
    rule = rule_from_dict({"code": "X011", "name": "applications-balance", "kind": "sum_equals", "severity": "error",
                           "table": "三", "per": "column", "relation": "一 + 二 = 三.七 + 四", "total": "一",
                           "message": "{where}", "message_en": "{where}"}, "x.yaml")
    data = edited((ROW_FOUR, ROW_FOUR[:-4] + "|"))
    (n001,) = lint(data, [BY_CODE["N001"], rule])
    assert n001.message.count(BALANCE) == 1  # the same relation as C003's, named once
    del rule


def test_a_worker_started_without_fork_names_the_same_relations(tmp_path):
    """A spawned worker receives only the selected rules (`--select N001 --jobs 4` on Windows):
    the sum rules loaded here go along with N001."""
    expected = found(lint(BLANK_TOTAL, [BY_CODE["N001"]]))
    assert "本行「总计」" in expected[0][2]
    (tmp_path / "rules.pickle").write_bytes(pickle.dumps([BY_CODE["N001"]]))
    (tmp_path / "r.md").write_bytes(BLANK_TOTAL)
    script = ("import pickle, sys\n"
              "from xxgk_lint.checks.engine import lint_bytes\n"
              "rules = pickle.loads(open(sys.argv[1], 'rb').read())\n"
              "for d in lint_bytes('r.md', open(sys.argv[2], 'rb').read(), rules):\n"
              "    print(d.code, d.logical, d.message, sep='\\t')\n")
    env = {**os.environ, "PYTHONPATH": str(Path(xxgk_lint.__file__).parents[1]), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "rules.pickle"), str(tmp_path / "r.md")],
                          capture_output=True, env=env, check=True)
    lines = proc.stdout.decode("utf-8").splitlines()
    assert [tuple(line.split("\t")) for line in lines] == expected
