"""A blank cell in a relation is one defect and one finding, through the command line: the kewei
report (tests/fixtures/realdata, a copy of the peer project's extraction) lost the 总计 of
「四、结转下年度继续办理」 (line 178). It gave N001 at 178 and C001 (0 ≠ 1) at 178 and C003
(36 ≠ 35) at 177, both counting the blank as 0; now N001 alone, naming what it leaves unverified."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KEWEI = REPO / "tests" / "fixtures" / "realdata" / "kewei-2024-source.md"
BLANK_LINE = 178


def findings(run_cli, *args):
    proc = run_cli("--no-cache", "--format", "json", *args, str(KEWEI))
    return [(d["code"], d["line"], d["message"]) for d in json.loads(proc.stdout)]


def test_the_blank_total_is_one_n001_naming_the_relations_it_leaves_unverified(run_cli):
    found = findings(run_cli)
    assert [f for f in found if f[1] in (BLANK_LINE - 1, BLANK_LINE)] == [(
        "N001", BLANK_LINE,
        "表三「四、结转下年度继续办理」行「总计」列为空；没有数据应填 0"
        "（因此无法核对：本行「总计」、本列「一 + 二 = （七）总计 + 四」的勾稽关系）")]
    assert not [f for f in found if f[0] in ("C001", "C002", "C003", "C004")]


def test_in_english_too(run_cli):
    (n001,) = [f for f in findings(run_cli, "--lang", "en") if f[0] == "N001"]
    assert n001[2] == ("table 3 row '四、结转下年度继续办理', column '总计' is blank; write 0 where there is none"
                       " (so these relations cannot be checked: this row's '总计', "
                       "this column's '一 + 二 = （七）总计 + 四')")


@pytest.mark.parametrize("options", [("--ignore", "N001"), ("--select", "C001"), ("--select", "C")])
def test_without_n001_the_relations_through_the_blank_are_still_not_errors(run_cli, options):
    assert not [f for f in findings(run_cli, *options) if f[0].startswith("C")]


def test_with_only_n001_selected_the_note_is_the_same(run_cli):
    assert findings(run_cli, "--select", "N001") == [f for f in findings(run_cli) if f[0] == "N001"]
