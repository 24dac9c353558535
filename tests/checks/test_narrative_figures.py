"""C005 on the clean bundled report: 收到/新收 is this year's new applications (表三 一) unless the
sentence itself speaks of 结转; 受理/办理 may be 一 or 一 + 二. And the kind's `sentence` condition."""
from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.rulefile import RuleFileError
from xxgk_lint.checks.ruleset import load_rules, validate_file
from xxgk_lint.model import Line

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
SAID = "收到政府信息公开申请12件，除1件转下年度继续办理外，均已按期答复。"  # 表三: 一 总计 12, 二 总计 1, （七）总计 12


def c005(sentence: str, lang: str = "zh"):
    text = BASE.replace(SAID, sentence)
    assert text != BASE or sentence == SAID
    return text, [d for d in lint_bytes("r.md", text.encode("utf-8"), RULES, lang) if d.code == "C005"]


def cell(text: str, row: str) -> tuple[int, int]:
    """Line and column of the 总计 cell of 表三's row starting with `row`."""
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith(f"| {row}"))
    raw = text.split("\n")[line - 1]
    return line, raw.rstrip(" |").rfind(" ") + 2


@pytest.mark.parametrize("sentence", [
    "收到政府信息公开申请13件，均已按期答复。",
    "新收政府信息公开申请13件，均已按期答复。",
    "收到政府信息公开申请13件。上年结转1件，均已按期答复。",  # 结转 in another sentence
])
def test_received_is_this_years_new_applications_only(sentence):
    text, (found,) = c005(sentence)
    assert (found.line, found.column) == (7, text.split("\n")[6].index("13") + 1)
    assert found.message == ("正文所述本年收到的申请为 13 件，与表格数据 12 不一致：13 是表三「一、本年新收政府信息公开申请数量」"
                             "与「二、上年结转政府信息公开申请数量」的「总计」之和，而该句没有提到「结转」，应为 12")
    assert [(r["line"], r["column"]) for r in found.related] == [cell(text, "一、本年新收")]
    _, (english,) = c005(sentence, "en")
    assert english.message.endswith("and the sentence does not mention '结转', so it should be 12")


@pytest.mark.parametrize("sentence", [
    SAID,
    "收到政府信息公开申请13件（含上年结转1件），均已按期答复。",
    "收到政府信息公开申请13件，其中上年结转1件，均已按期答复。",
    "受理政府信息公开申请13件，均已按期答复。",
    "受理政府信息公开申请12件，均已按期答复。",
    "共办理政府信息公开申请13件，均已按期答复。",
])
def test_figures_the_table_bears_out(sentence):
    assert c005(sentence)[1] == []


@pytest.mark.parametrize("sentence,what", [
    ("收到政府信息公开申请15件，均已按期答复。", "本年收到的申请"),
    ("受理政府信息公开申请14件，均已按期答复。", "受理的申请"),
    ("共办理政府信息公开申请14件，均已按期答复。", "办理的申请"),
])
def test_figures_no_reading_bears_out_keep_the_plain_message(sentence, what):
    stated = sentence[sentence.index("申请") + 2:sentence.index("件")]
    _, (found,) = c005(sentence)
    assert found.message == f"正文所述{what}为 {stated} 件，与表格数据 12 不一致"


def test_a_sentence_wrapped_over_lines_is_one_sentence():
    from xxgk_lint.checks.kinds.narrative_figures import _sentence

    raw = ["", "全年共收到政府信息公开申请 36 件（含", "上年结转 2 件），均已答复。其后", "另一句。"]
    lines = [Line(i + 1, t, t) for i, t in enumerate(raw)]
    start = raw[1].index("收到")
    end = raw[1].index("件") + 1
    assert _sentence(lines, 1, start, end) == "全年共收到政府信息公开申请 36 件（含上年结转 2 件），均已答复"
    lines[1] = Line(2, raw[1] + "。", raw[1] + "。")  # the line ends its sentence: the next is another
    assert _sentence(lines, 1, start, end) == "全年共收到政府信息公开申请 36 件（含"
    lines[0] = Line(1, "前文没有句号", "前文没有句号")  # nor does a line before run into it … unless wrapped
    assert _sentence(lines, 1, start, end) == "前文没有句号全年共收到政府信息公开申请 36 件（含"


def test_sentence_condition_takes_words_not_a_pattern(tmp_path):
    rule = (REPO / "rules" / "C005-narrative-mismatch.yaml").read_text("utf-8")
    assert "sentence: [结转]" in rule
    path = tmp_path / "C005.yaml"
    path.write_text(rule.replace("sentence: [结转]", "sentence: 结转"), "utf-8")
    with pytest.raises(RuleFileError) as info:
        validate_file(path)
    assert info.value.line == rule[: rule.index("sentence: [结转]")].count("\n") + 1
    path.write_text(rule.replace("sentence: [结转]", "sentence: [结转, 转入]"), "utf-8")
    assert validate_file(path)
