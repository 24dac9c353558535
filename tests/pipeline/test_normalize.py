"""Normalisation: Traditional text found through GB2312 (a fast path) and converted whole or by
line, width folding, label keys."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def test_gb2312_shortcut_knows_every_traditional_character_gb2312_holds():
    from xxgk_lint.pipeline.normalize import _IN_GB2312, _traditional

    assert set(_IN_GB2312) == {ch for ch in _traditional() if ch.encode("gb2312", "ignore")}


@pytest.mark.parametrize("route", ["_by_lookup", "_by_codec"])
def test_has_traditional_finds_each_traditional_character_among_others_gb2312_lacks(route):
    from xxgk_lint.pipeline import normalize

    has_traditional = getattr(normalize, route)
    assert not has_traditional("政府信息公开，• 😀\u00a0abc（一）")
    for ch in sorted(normalize._traditional()):
        assert has_traditional(f"简体文字•{ch}\u00a0"), ch


def test_traditional_text_converted_whole_is_converted_line_by_line():

    from xxgk_lint.pipeline.normalize import fold_width, normalize_lines, to_simplified

    report = next((Path(__file__).parents[2] / "examples").glob("002_*.txt"))
    lines = report.read_text("utf-8").split("\n")
    assert normalize_lines(lines) == [to_simplified(fold_width(line)) for line in lines]
    assert normalize_lines(lines) != [fold_width(line) for line in lines]  # it is Traditional


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("，（）：；！？．＃１Ａａ｛～\u3000\u2212abc 中文\uff5f\uff00"), max_size=30))
def test_width_folding_is_the_character_table(text):
    from xxgk_lint.pipeline.normalize import _WIDTH, fold_width

    table = {**_WIDTH, "\u3000": " ", "\u2212": "-"}
    assert fold_width(text) == "".join(table.get(ch, ch) for ch in text)


def test_only_lines_with_traditional_characters_are_converted():
    from xxgk_lint.pipeline.normalize import normalize_lines

    assert normalize_lines(["機關工作", "公众瞭解情况", "沈默"]) == ["机关工作", "公众瞭解情况", "沈默"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("本年制发件数新作量（）()、.,，:： \t|-—·《》0123"), max_size=12), max_size=8))
def test_a_texts_label_key_is_its_lines_keys_joined(lines):
    """build_report keys the whole text line by line (each line's key is remembered)."""
    from xxgk_lint.pipeline.normalize import label_key

    assert "".join(label_key(line) for line in lines) == label_key("".join(lines))
