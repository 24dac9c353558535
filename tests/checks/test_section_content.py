"""S005 empty-part on the bundled reports: 「无」, a line too short, the heading's own line, tables aside."""
from __future__ import annotations

import pytest

from tests.texts import edit, example
from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

FIVE = "一是主动公开的时效性有待提高；二是政策解读形式较为单一。下一步，我局将加强信息发布审核，丰富解读形式。"
HEAD = "五、存在的主要问题及改进情况"


@pytest.fixture(scope="module")
def rules():
    return [r for r in load_rules([]) if r.code == "S005"]


def lint(rules, text: str):
    return lint_bytes("r.md", text.encode("utf-8"), rules)


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_the_bundled_reports_say_something_in_every_part(rules, year):
    assert lint(rules, example(year)) == []


def test_a_part_written_as_none_is_one_error_at_its_heading(rules):
    text = edit(example(), FIVE, "无。")
    found = lint(rules, text)
    assert [(d.code, d.severity, d.line) for d in found] == [("S005", "error", text.splitlines().index(HEAD) + 1)]
    assert "只写了「无。」（1 个字）" in found[0].message and "至少 15 个字" in found[0].message


def test_none_on_the_headings_own_line_is_the_part_saying_none(rules):
    text = edit(example(), f"{HEAD}\n\n{FIVE}", f"{HEAD}：无")
    assert [d.code for d in lint(rules, text)] == ["S005"]


def test_an_empty_part_and_a_short_sentence(rules):
    empty = lint(rules, edit(example(), f"\n{FIVE}\n", "\n"))
    assert len(empty) == 1 and "没有内容" in empty[0].message
    short = lint(rules, edit(example(), FIVE, "暂未发现明显问题。"))  # 8 characters
    assert len(short) == 1 and "8 个字" in short[0].message
    enough = lint(rules, edit(example(), FIVE, "本年度信息发布时效性不足，下一步将加强审核。"))
    assert enough == []


def test_part_six_may_say_none(rules):
    assert lint(rules, edit(example(), "本年度未收取信息处理费。", "无。本年度未收取信息处理费。")) == []
