"""Y001 on the clean bundled report with one year changed: the title, the 统计期限, the report's own
name where the text cites it, and the body — one finding per wrong statement, at that statement."""
from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

BASE = (Path(__file__).resolve().parents[2] / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
TITLE = "# 示例县人力资源和社会保障局2023年政府信息公开工作年度报告\n"
PREFACE = "本报告根据《中华人民共和国政府信息公开条例》编制。"
OWN_NAME = "本报告是根据《中华人民共和国政府信息公开条例》编制的《示例县人力资源和社会保障局{}年政府信息公开工作年度报告》。"


def y001(text: str, lang: str = "zh"):
    return [d for d in lint_bytes("r.md", text.encode("utf-8"), RULES, lang) if d.code == "Y001"]


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text[:offset].count("\n") + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_without_a_title_the_reports_own_name_is_checked_against_the_period():
    text = BASE.replace(TITLE, "").replace(PREFACE, OWN_NAME.format(2022))
    (found,) = y001(text)
    assert (found.line, found.column) == at(text, "2022")
    assert found.message == "正文所引本报告名称的年份 2022 与统计期限的年份 2023 不一致"
    assert [(r["line"], r["column"]) for r in found.related] == [at(text, "2023年1月1日")]
    (english,) = y001(text, "en")
    assert english.message == "the report's own name as cited in the text speaks of 2022 but the statistics period of 2023"


def test_the_reports_own_name_agreeing_is_silent():
    assert y001(BASE.replace(TITLE, "").replace(PREFACE, OWN_NAME.format(2023))) == []
    assert y001(BASE.replace(PREFACE, OWN_NAME.format(2023))) == []


def test_title_and_own_name_agreeing_against_the_period_is_one_finding():
    text = BASE.replace(TITLE, TITLE.replace("2023", "2022")).replace(PREFACE, OWN_NAME.format(2022))
    (found,) = y001(text)
    assert (found.line, found.column) == at(text, "2023年1月1日")  # the odd one out, as before
    assert found.message == "统计期限的年份 2023 与标题的年份 2022 不一致"


def test_a_wrong_title_is_reported_at_the_title_when_the_rest_of_the_report_agrees():
    text = BASE.replace(TITLE, TITLE.replace("2023", "2022"))
    (found,) = y001(text)  # period and body both say 2023: not also a body finding
    assert (found.line, found.column) == at(text, "2022")
    assert found.message == "标题的年份 2022 与统计期限的年份 2023 不一致"


def test_a_wrong_period_is_one_finding_at_the_period():
    text = BASE.replace("统计期限为2023年1月1日", "统计期限为2022年1月1日")
    assert [(d.line, d.column) for d in y001(text)] == [at(text, "2022")]


def test_the_own_name_against_the_title_when_there_is_no_period():
    text = BASE.replace("本报告所列数据的统计期限为2023年1月1日至2023年12月31日。", "").replace(
        PREFACE, OWN_NAME.format(2022))
    (found,) = y001(text)
    assert (found.line, found.column) == at(text, "2022")
    assert found.message == "正文所引本报告名称的年份 2022 与标题的年份 2023 不一致"


@pytest.mark.parametrize("sentence", [
    "本报告根据《中华人民共和国政府信息公开条例》和《示例县2022年政务公开工作要点》编制。",
    "本报告参照《国务院办公厅2022年政府信息公开工作年度报告》的体例编制。",
])
def test_other_documents_are_not_the_reports_name(sentence):
    assert y001(BASE.replace(TITLE, "").replace(PREFACE, sentence)) == []


def test_last_years_report_cited_in_the_body_is_not_this_report():
    text = BASE.replace("均已按期答复。", "均已按期答复。3月按时发布了《示例县人力资源和社会保障局2022年政府信息公开工作年度报告》。")
    assert y001(text) == []
    assert y001(text.replace(TITLE, "")) == []
