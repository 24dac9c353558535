"""How a place in a document is said, in both languages (the formats append it to the message)."""
from __future__ import annotations

import pytest

from xxgk_lint.output.diagnostic import describe_place, place_note


@pytest.mark.parametrize("place, zh, en", [
    ({"page": 3, "page_line": 12, "quote": "17"}, "第 3 页第 12 行「17」", 'page 3, line 12 "17"'),
    ({"paragraph": 14}, "第 14 段", "paragraph 14"),
    ({"table": 2, "row": 4, "column": 9, "quote": "13"}, "第 2 个表格第 4 行第 9 列「13」", '2nd table, row 4, column 9 "13"'),
    ({"page": 4, "table": 11, "row": 1, "column": 1}, "第 4 页，第 11 个表格第 1 行第 1 列", "page 4, 11th table, row 1, column 1"),
    ({"table": 23, "row": 2}, "第 23 个表格第 2 行", "23rd table, row 2"),
    ({"paragraph": 3, "quote": "一" * 30}, "第 3 段「" + "一" * 23 + "…」", 'paragraph 3 "' + "一" * 23 + '…"'),
])
def test_a_place_is_said_as_a_person_reads_it(place, zh, en):
    assert describe_place(place, "zh") == zh
    assert describe_place(place, "en") == en


def test_no_place_says_nothing():
    assert describe_place(None, "zh") == "" and place_note({}, "en") == ""
    assert place_note({"paragraph": 2}, "zh") == "（第 2 段）" and place_note({"paragraph": 2}, "en") == " (paragraph 2)"
