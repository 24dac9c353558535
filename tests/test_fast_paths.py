"""Fast paths of the pipeline give what the slower code they stand in for gives: Traditional text
found via GB2312, value offsets by counting blanks, table rows built from each text's remembered
pieces, control bytes found by scanning the bytes."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

# --- normalisation: Traditional characters found through GB2312 --------------------------------

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
    from pathlib import Path

    from xxgk_lint.pipeline.normalize import fold_width, normalize_lines, to_simplified

    report = next((Path(__file__).parents[1] / "examples").glob("002_*.txt"))
    lines = report.read_text("utf-8").split("\n")
    assert normalize_lines(lines) == [to_simplified(fold_width(line)) for line in lines]
    assert normalize_lines(lines) != [fold_width(line) for line in lines]  # it is Traditional


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("，（）：；！？．＃１Ａａ｛～\u3000\u2212abc 中文\uff5f\uff00"), max_size=30))
def test_width_folding_is_the_character_table(text):
    from xxgk_lint.pipeline.normalize import _WIDTH, fold_width

    table = {**_WIDTH, "\u3000": " ", "\u2212": "-"}
    assert fold_width(text) == "".join(table.get(ch, ch) for ch in text)


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


def test_only_lines_with_traditional_characters_are_converted():
    from xxgk_lint.pipeline.normalize import normalize_lines

    assert normalize_lines(["機關工作", "公众瞭解情况", "沈默"]) == ["机关工作", "公众瞭解情况", "沈默"]


# --- tables: value offsets by counting blanks, and rows from per-text pieces ---------------------

from xxgk_lint.model import BLANK, LABEL, NUMBER, JUNK, Cell, Line, Span  # noqa: E402
from xxgk_lint.pipeline.tables import BREAK, ROW, _RECIPES, _is_filler, logical_rows, shape_of, value_offsets  # noqa: E402


def _kinds_cell(kind):
    return Cell("" if kind is BLANK else "1", "", Span(1, 1, 1, 1), kind)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([BLANK, NUMBER, JUNK, LABEL]), max_size=12), st.integers(0, 12))
def test_value_offsets_are_the_offsets_that_leave_out_only_blanks(kinds, count):
    values = [_kinds_cell(k) for k in kinds]
    blank = [k is BLANK for k in kinds]
    expected = [o for o in range(len(values) - count + 1) if all(blank[:o]) and all(blank[o + count:])]
    assert list(value_offsets(values, count)) == expected


def _reference_rows(lines):
    """The grouping as first written: shape_of on every line, cells made at once, groups rescanned."""
    stripped_lines = [line.text.strip() for line in lines]
    rows_with_pipes = [t for t in stripped_lines if t.count("|") >= 2 and not _is_filler(t)]
    from xxgk_lint.pipeline.tables import _MD_RULE
    rows_with_pipes = [t for t in rows_with_pipes if not _MD_RULE.match(t)]
    bordered = sum(t.startswith("|") for t in rows_with_pipes) * 2 > len(rows_with_pipes)
    out, group, after_filler = [], [], False

    def cells_of(line, pieces):
        return [Cell(t, line.raw[a:b], Span(line.number, c, line.number, e), k) for t, a, b, k, c, e in pieces]

    def has_data(cells):
        seen = False
        for c in cells:
            if c.kind in (NUMBER, JUNK) or (seen and c.kind is BLANK):
                return True
            seen = seen or c.kind is LABEL
        return False

    def flush():
        if any(c.kind is not BLANK for c in group):
            out.append(list(group))
        group.clear()

    for line, stripped in zip(lines, stripped_lines):
        if after_filler and stripped == "|":
            after_filler = False
            continue
        after_filler = _is_filler(stripped)
        shape, pieces = shape_of(line.text, bordered, stripped)
        if shape is BREAK:
            flush()
        elif shape is ROW:
            flush()
            out.append(cells_of(line, pieces))
        else:
            cell = cells_of(line, pieces)[0]
            if cell.kind is LABEL and has_data(group):
                flush()
            group.append(cell)
    flush()
    return out


_LINE_TEXTS = ["（一）予以公开", "\t0", "\t", "", "12", "|", "||||", "自然人 | 3 | 0 |", "| 法人 | 1 | 2 |",
               "三、本年度办理结果\t4\t\t5", "|---|---|", "— 4 —", "总计 7 8 9", "其他\t1", "合计 |", "无", "/"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LINE_TEXTS), st.booleans()), max_size=30))
def test_rows_from_remembered_pieces_are_the_rows_of_splitting_every_line(spec):
    # a line's original may differ from its normalised text (full-width digits): cells keep the original
    lines = [Line(i + 1, text.translate({ord("1"): "１"}) if wide else text, text, None)
             for i, (text, wide) in enumerate(spec)]
    expected = _reference_rows(lines)
    for _ in range(2):  # with the pieces learnt and with them remembered
        assert [row.cells for row in logical_rows(lines)] == expected
    _RECIPES[0].clear(), _RECIPES[1].clear()


# Control characters only come from their own bytes in these encodings: `decode` skips the binary
# check's regex over the text when the bytes have none. Texts mixing Chinese, control characters
# and ASCII, encoded, then cut or corrupted anywhere.
_CONTROL_MIX = st.text(st.sampled_from("政府信息公开年度报告表（一）｜|\t\n 0123456789\x00\x01\x07\x0b\x0c\x0e\x1b\x1f\x7f"),
                       max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=_CONTROL_MIX, encoding=st.sampled_from(["utf-8", "gb18030", "gbk", "gb2312"]),
       cut=st.integers(0, 200), junk=st.binary(max_size=4))
def test_no_control_byte_means_no_control_character(text, encoding, cut, junk):
    from xxgk_lint.pipeline.decode import _ASCII_BASED, _CONTROL, _NOT_CONTROL, decode

    data = text.encode(encoding, "replace")
    data = data[:cut] + junk + data[cut:]
    for enc in _ASCII_BASED:
        decoded = data.decode(enc, "replace")
        assert data.translate(None, _NOT_CONTROL) or not _CONTROL.search(decoded)
    # and decode gives what it gives when it always runs the regex over the text
    import xxgk_lint.pipeline.decode as module

    fast = decode(data)
    module._ASCII_BASED = ()
    try:
        assert decode(data) == fast
    finally:
        module._ASCII_BASED = _ASCII_BASED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("本年制发件数新作量（）()、.,，:： \t|-—·《》0123"), max_size=12), max_size=8))
def test_a_texts_label_key_is_its_lines_keys_joined(lines):
    """build_report keys the whole text line by line (each line's key is remembered)."""
    from xxgk_lint.pipeline.normalize import label_key

    assert "".join(label_key(line) for line in lines) == label_key("".join(lines))


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
