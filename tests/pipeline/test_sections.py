"""The parts: a heading in other words is taken for its part only when numbered as the part, standing
in the part's place, not one of a run of numbered sub-topics, and sharing the part title's key words."""
from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.checks.engine import parse
from xxgk_lint.checks.pack import bundled_templates
from xxgk_lint.pipeline.sections import _closest

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
FIXTURES = REPO / "tests" / "fixtures"
TEMPLATE = bundled_templates()["2021"]
PART_ONE = "2023年，我局主动公开政府信息120条，收到政府信息公开申请12件，除1件转下年度继续办理外，均已按期答复。"


@pytest.mark.parametrize("title,part", [
    ("主动公开政府信息工作情况", "二"), ("政府信息主动公开情况", "二"),
    ("收到和处理政府信息公开申请工作情况", "三"),
    ("行政复议和行政诉讼情况", "四"), ("因政府信息公开被申请行政复议和提起行政诉讼的情况", "四"),
    ("存在的主要问题和下一步工作打算", "五"), ("其他需要说明的事项", "六"), ("政务公开工作总体情况", "一"),
    # the words of no part, or of several: 总体情况's sub-topics, 表三's rows
    ("工作机制保障", None), ("主动公开工作情况", None), ("政府信息管理", None), ("政府信息公开平台建设", None),
    ("监督保障", None), ("主动公开", None), ("上年结转政府信息公开申请数量", None), ("本年度办理结果", None),
    ("结转下年度继续办理", None),
])
def test_the_part_whose_title_a_heading_is_close_to(title, part):
    assert _closest(TEMPLATE, title) == part


def outline_of(text: str, name: str = "r.md"):
    report = parse(name, text.encode("utf-8"))
    return report, {sid: s.heading.span.line for sid, s in report.sections.items()}


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_part_heading_in_other_words_opens_its_part():
    text = BASE.replace("二、主动公开政府信息情况", "二、主动公开政府信息工作情况")
    report, lines = outline_of(text)
    assert lines["二"] == line_of(text, "二、主动公开政府信息工作情况")
    assert [h.title for h in report.outline.near] == ["主动公开政府信息工作情况"]
    assert report.outline.numbered_lines == []  # not also a numbered sub-topic
    assert list(lines) == ["一", "二", "三", "四", "五", "六"]
    assert report.sections["一"].end_line == lines["二"] - 1


@pytest.mark.parametrize("case", ["wrong-number", "after-part-three", "part-found-by-its-title", "sub-topic-run"])
def test_other_words_are_not_taken_for_a_part(case):
    heading = "二、主动公开政府信息情况\n"
    if case == "wrong-number":
        text = BASE.replace(heading, "三、主动公开政府信息工作情况\n")
    elif case == "after-part-three":
        text = BASE.replace(heading, "").replace("四、政府信息公开行政复议", "二、主动公开政府信息工作情况\n\n四、政府信息公开行政复议")
    elif case == "part-found-by-its-title":  # the real part is there: the sub-topic stays a sub-topic
        text = BASE.replace(PART_ONE, PART_ONE + "\n\n二、主动公开政府信息工作情况\n\n全年发布信息。")
    else:  # 二、… 三、… numbered sub-topics inside 一, and part 二's heading lost
        text = BASE.replace(heading, "").replace(PART_ONE, PART_ONE + "\n\n二、主动公开政府信息工作情况\n\n全年发布信息。"
                                                             "\n\n三、依申请公开工作情况\n\n均已答复。")
    report, lines = outline_of(text)
    assert report.outline.near == []
    assert lines.get("二") in (None, line_of(text, "二、主动公开政府信息情况") if case == "part-found-by-its-title" else None)


def test_table_rows_numbered_one_per_line_are_no_run_of_sub_topics():
    """000 writes one cell per line: 表三's 「一、本年新收…」…「四、结转下年度继续办理」 stand in part 三's place."""
    text = next((FIXTURES / "reports").glob("000_*.txt")).read_text("utf-8")
    text = text.replace("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请工作情况")
    report, lines = outline_of(text, "000.txt")
    assert lines["三"] == line_of(text, "三、收到和处理政府信息公开申请工作情况")
    assert len(report.tables["三"].rows) == 25


def test_kewei_sub_topics_stay_sub_topics():
    """kewei numbers 总体情况's sub-topics 二…六 and its parts 一…五 (shifted): no part in other words."""
    report, lines = outline_of((FIXTURES / "realdata" / "kewei-2024-source.md").read_text("utf-8"))
    assert report.outline.near == []
    assert "工作机制保障" in [h.title for h in report.outline.numbered_lines]
    assert lines["二"] == 73 and "五" not in lines
