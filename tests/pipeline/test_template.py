"""Templates: which template a report's table headers use."""
from __future__ import annotations


def test_template_markers_are_found_across_line_breaks_and_punctuation():
    """The markers are read off the whole text's key, made line by line: a header word broken over
    lines (text extraction) or by punctuation still names its template."""
    from xxgk_lint.checks.engine import parse

    def markers(header: str) -> str | None:
        text = f"二、主动公开政府信息情况\n| 第二十条第（一）项 | | |\n{header}\n| 规章 | 0 | 0 |\n"
        return parse("r.md", text.encode()).markers_template

    assert markers("| 信息内容 | 本年新制作数量 | 本年新公开数量 |") == "2019"
    assert markers("| 信息内容 | 本年新制作\n数量 | 本年新·公开\n（数量） |") == "2019"
    assert markers("| 信息内容 | 本年制发\n件数 | 本年废止\n\n件数 |") == "2021"
    assert markers("| 信息内容 | 本年新制作 | 数 | 量 |") == "2019"  # cells are text too
    assert markers("| 信息内容 | 本年新制作 1 数量 |") is None
