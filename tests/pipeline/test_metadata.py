"""Metadata: the malformed-date pattern (written to be fast) finds what the plain one finds."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("2020113年月日 9０"), max_size=24))
def test_malformed_date_pattern_finds_what_the_plain_one_finds(text):
    import re

    from xxgk_lint.pipeline.metadata import _MALFORMED

    plain = re.compile(r"(?<!\d)(?:20\d\d(?:1[0-2]|0?[1-9])月\d{1,2}日|20\d\d年(?:1[3-9]|[2-9]\d|0)月)")
    assert [m.span() for m in _MALFORMED.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_malformed_dates_are_found_where_no_digit_comes_before():
    from xxgk_lint.pipeline.metadata import _MALFORMED

    found = [m.group() for m in _MALFORMED.finditer("于20231月5日、2023年13月及12023年13月，2023年12月")]
    assert found == ["20231月5日", "2023年13月"]


# --- the report's own name, cited in its text ---------------------------------------------------

_BODY = "一、总体情况\n\n2021年，我局主动公开政府信息120条。\n"


def _meta(text: str):
    from xxgk_lint.model import Document, Line
    from xxgk_lint.pipeline.metadata import read_metadata
    from xxgk_lint.pipeline.normalize import normalize_lines

    raw = text.split("\n")
    lines = [Line(i + 1, r, n) for i, (r, n) in enumerate(zip(raw, normalize_lines(raw)))]
    heading = next((l.number for l in lines if l.text.startswith("一、")), 0)
    return read_metadata(Document("r.md", lines, "utf-8"), heading)


def _cited(text: str) -> list[tuple[int, int, int]]:
    return [(m.year, m.span.line, m.span.column) for m in _meta(text).cited_years]


def test_a_sentence_naming_the_report_itself_states_its_year_at_the_cited_year():
    text = "本报告是根据《中华人民共和国政府信息公开条例》编制的《某某县人民政府2020年政府信息公开工作年度报告》。\n" + _BODY
    assert _cited(text) == [(2020, 1, text.index("2020") + 1)]
    # no title and no 统计期限: the citation is the report's year
    assert _meta(text).year == 2020


@pytest.mark.parametrize("sentence", [
    "本年度报告为《某某县人民政府2020年度政府信息公开工作年度报告》。",
    "根据《条例》要求，特向社会公布《某某县人民政府2020年政府信息公开工作年度报告》。",
    "根据《条例》要求，现将《某某县人民政府2020年政府信息公开年度报告》予以公布。",
    "本报告是根据《条例》编制的《某某县人民政府\n2020 年政府信息公开工作年度报告》。",  # wrapped by extraction
])
def test_ways_a_report_names_itself(sentence):
    assert [year for year, _, _ in _cited(sentence + "\n" + _BODY)] == [2020]


@pytest.mark.parametrize("sentence", [
    # other documents: a plan, the format, a notice on writing reports
    "本报告是根据《某某县2020年政务公开工作要点》编制的。",
    "本报告是根据《中华人民共和国政府信息公开工作年度报告格式》编制的。",
    "本报告是根据《关于做好2020年政府信息公开工作年度报告编制工作的通知》编制的。",
    # another year's report, or a higher authority's, even in a sentence about publishing
    "本报告在《某某县人民政府2019年政府信息公开工作年度报告》的基础上编制，上年度《某某县2019年政府信息公开工作年度报告》已公布。",
    "参照《国务院办公厅2020年政府信息公开工作年度报告》的体例。",
])
def test_citations_of_other_documents_are_not_the_report_naming_itself(sentence):
    assert _cited(sentence + "\n" + _BODY) == []


def test_a_report_published_last_year_is_cited_in_the_body_not_as_this_report():
    body = _BODY + "按时发布了《某某县人民政府2020年政府信息公开工作年度报告》。\n"
    assert _cited("某某县人民政府2021年政府信息公开工作年度报告\n" + body) == []


def test_the_title_line_is_the_title_not_a_citation():
    meta = _meta("《某某县人民政府2020年政府信息公开工作年度报告》\n" + _BODY)
    assert meta.title_year.year == 2020 and meta.cited_years == []
