"""Near misses: a row label that lost, garbled or swapped characters names the one template row it is
clearly closest to (RowIndex.near); the edit distance behind it; a column header read in two pieces
(split_column, header_gaps)."""
from __future__ import annotations

import pytest

from xxgk_lint.checks.pack import bundled_templates
from xxgk_lint.model import LABEL, NUMBER, Cell, Row, Span
from xxgk_lint.pipeline.labels import edit_distance, header_gaps, near_row, row_index, split_column
from xxgk_lint.pipeline.normalize import label_key


@pytest.fixture(scope="module")
def templates():
    return bundled_templates()


@pytest.fixture(scope="module")
def index(templates):
    return row_index(tuple(templates["2021"].tables))


def near_id(index, text: str):
    hit = index.near(text)
    return None if hit is None else (hit[0].id, hit[1].id)


# ---------------------------------------------------------------------------------------------
# RowIndex.near


@pytest.mark.parametrize("text,expected", [
    ("2.其他法律行政止公开", ("三", "三.三.2")),  # two characters lost (法规禁 → 禁: 2 of 12)
    ("2.其他法律政行法规禁止公开", ("三", "三.三.2")),  # a swapped pair
    ("1.属于国家密秘", ("三", "三.三.1")),  # a swapped pair in a short label: one edit
    ("（二）部分公升", ("三", "三.二")),  # a character misread
    ("1.本机关不掌握相关政府", ("三", "三.四.1")),  # the end cut off
    ("行政事业收费", ("二.八", "行政事业性收费")),
])
def test_a_label_near_one_row_names_it(index, text, expected):
    assert index.lookup(text) is None  # not a label the template matches as written
    assert near_id(index, text) == expected


@pytest.mark.parametrize("text", [
    "规章",  # under four characters: too short to tell
    "行政许",  # three characters, however close to 行政许可
    "行政处制",  # one edit from 行政处罚 and one from 行政强制: ambiguous
    "本年新制作数量",  # a header word, near no row
    "2.其他法律行止",  # too far: half the label is gone
])
def test_no_near_miss_when_unsure(index, text):
    assert near_id(index, text) is None


def test_near_needs_a_clear_margin_over_the_next_row(index):
    # 行政处罚 and 行政强制 are two edits apart: a label one edit from each is neither
    assert edit_distance(label_key("行政处制"), "行政处罚", 1) == 1
    assert edit_distance(label_key("行政处制"), "行政强制", 1) == 1
    assert near_id(index, "行政处制") is None
    assert near_id(index, "行政处罚") == ("二.六", "行政处罚")  # exact: 0 against 2


def test_near_answers_are_remembered_per_text(index):
    assert near_id(index, "2.其他法律行政止公开") == ("三", "三.三.2")
    assert "2.其他法律行政止公开" in index.near_memo
    assert near_id(index, "2.其他法律行政止公开") == ("三", "三.三.2")


def test_a_2019_row_is_near_only_in_the_2019_index(templates):
    old = row_index(tuple(templates["2019"].tables))
    assert near_id(old, "其它对外管理服务事项") == ("二.五", "其他对外管理服务事项")
    assert near_id(row_index(tuple(templates["2021"].tables)), "其它对外管理服务事项") is None


def test_near_row_takes_the_last_label_that_is_near(index):
    span = Span(1, 1, 1, 2)
    row = Row([Cell("（三）不予公开", "（三）不予公开", span, LABEL), Cell("2.其他法律行政止公开", "", span, LABEL),
               Cell("0", "0", span, NUMBER)])
    table, spec, label = near_row(row, index)
    assert (table.id, spec.id, label.text) == ("三", "三.三.2", "2.其他法律行政止公开")
    assert near_row(Row([Cell("合计", "合计", span, LABEL), Cell("0", "0", span, NUMBER)]), index) is None


# ---------------------------------------------------------------------------------------------
# edit_distance


@pytest.mark.parametrize("a,b,limit,expected", [
    ("", "", 3, 0),
    ("abc", "abc", 3, 0),
    ("", "abc", 5, 3),
    ("abc", "", 5, 3),
    ("abc", "abd", 3, 1),  # replaced
    ("abc", "abxc", 3, 1),  # inserted
    ("abxc", "abc", 3, 1),  # deleted
    ("abc", "acb", 3, 1),  # swapped with its neighbour: one edit, not two
    ("行政法规", "法规行政", 5, 4),  # blocks moved are not one swap
    ("kitten", "sitting", 5, 3),
    ("abcdef", "uvwxyz", 2, 3),  # past the limit: limit + 1
    ("abcdef", "uvwxyz", 6, 6),
    ("ab", "ba", 0, 1),
    ("其他法律行政止公开", "其他法律行政法规禁止公开", 3, 3),
    ("其他法律行政止公开", "其他法律行政法规禁止公开", 2, 3),
])
def test_edit_distance(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected


def test_edit_distance_is_symmetric_within_the_limit():
    for a, b in [("属于国家秘密", "属于国家密秘"), ("本年新收", "本年收新件"), ("规章", "规范性文件")]:
        assert edit_distance(a, b, 10) == edit_distance(b, a, 10)


# ---------------------------------------------------------------------------------------------
# split_column, header_gaps


def test_split_column_finds_a_header_word_written_in_two_pieces():
    header = "自然人法人或其他组织总计商业企业科研机构社会公法律服务机构其他益组织"
    assert split_column("社会公益组织", header) == ("社会公", "益组织")
    assert split_column("社会公益组织", "…社会公…益组织…") == ("社会公", "益组织")


@pytest.mark.parametrize("header", [
    "自然人商业企业科研机构法律服务机构其他",  # not there at all
    "益组织自然人社会公",  # both pieces, in the wrong order
    "社会公益组",  # the second piece cut short
    "社会组织",  # pieces of one character do not count (社 … 会公益组织 is no split)
])
def test_split_column_none_when_the_word_is_not_there_in_two_pieces(header):
    assert split_column("社会公益组织", header) is None


def test_header_gaps_tell_a_split_word_from_a_missing_one(templates):
    table3 = templates["2021"].table("三")
    whole = label_key("自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他")
    assert tuple(map(tuple, header_gaps(table3, whole))) == ((), ())
    split = label_key("自然人 法人或其他组织 总计 商业企业 科研机构 社会公 法律服务机构 其他 益组织")
    missing, pieces = header_gaps(table3, split)
    assert list(missing) == [] and [(w, tuple(p)) for w, p in pieces] == [("社会公益组织", ("社会公", "益组织"))]
    lost = label_key("自然人 法人或其他组织 总计 商业企业 科研机构 社会团体 法律服务机构 其他")
    missing, pieces = header_gaps(table3, lost)
    assert list(missing) == ["社会公益组织"] and list(pieces) == []
