"""S001, S002, S003 on a part heading in other words: one S003 when it is numbered and placed as its
part; the sub-topic and missing-part findings, as before, when it is not."""
from __future__ import annotations

from pathlib import Path

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

BASE = (Path(__file__).resolve().parents[2] / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
PART_ONE = "2023年，我局主动公开政府信息120条，收到政府信息公开申请12件，除1件转下年度继续办理外，均已按期答复。"


def lint(text: str, lang: str = "zh"):
    return lint_bytes("r.md", text.encode("utf-8"), RULES, lang)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_part_two_in_other_words_is_one_s003_quoting_both_titles():
    text = BASE.replace("二、主动公开政府信息情况", "二、主动公开政府信息工作情况")
    (found,) = lint(text)
    assert (found.code, found.severity, found.line, found.column) == ("S003", "warning", line_of(text, "二、主动"), 1)
    assert found.message == "「二、主动公开政府信息工作情况」按其编号和位置应为第二部分，但标题与模板不一致，应写作「二、主动公开政府信息情况」"
    (english,) = lint(text, "en")
    assert english.message == ("'二、主动公开政府信息工作情况' is part 二 by its number and place, but its title differs "
                               "from the template; write '二、主动公开政府信息情况'")
    assert found.logical == "part/二"


def test_an_accepted_variant_keeps_its_message():
    text = BASE.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    assert [d.message for d in lint(text)] == ["第五部分标题「政府信息公开工作存在的主要问题及改进情况」与模板不一致，建议统一为「存在的主要问题及改进情况」"]


def test_a_run_of_sub_topics_is_still_sub_topics_and_the_part_still_missing():
    text = BASE.replace("二、主动公开政府信息情况\n", "").replace(
        PART_ONE, PART_ONE + "\n\n二、主动公开政府信息工作情况\n\n全年发布信息。\n\n三、依申请公开工作情况\n\n均已答复。")
    assert [(d.code, d.line) for d in lint(text)] == [
        ("S002", line_of(text, "二、主动公开")), ("S002", line_of(text, "三、依申请")), ("S001", line_of(text, "三、收到和处理"))]
