"""Code-point columns → LSP positions in each encoding; the lines LSP counts."""
from __future__ import annotations

from xxgk_lint.lsp.positions import split_lines, to_lsp, to_range, units

LINE = "𠀀县a表"  # U+20000 (4 UTF-8 bytes, 2 UTF-16 units), 县 (3, 1), a (1, 1)


def test_units_per_encoding():
    assert [units(LINE, e) for e in ("utf-16", "utf-8", "utf-32")] == [5, 11, 4]


def test_a_column_after_an_extension_b_character():
    lines = ["", LINE]
    assert to_lsp(lines, 2, 3, "utf-16") == (1, 3)
    assert to_lsp(lines, 2, 3, "utf-8") == (1, 7)
    assert to_lsp(lines, 2, 3, "utf-32") == (1, 2)


def test_lines_break_as_lsp_breaks_them():
    assert split_lines("a\r\nb\rc\nd\u2028e") == ["a", "b", "c", "d\u2028e"]


def test_ranges_are_clamped_and_a_point_spans_its_line():
    lines = ["abc", "de"]
    assert to_range(lines, 1, 2, 1, 3) == ((0, 1), (0, 2))
    assert to_range(lines, 2, 1, 2, 1) == ((1, 0), (1, 2))  # a point: to the end of the line
    assert to_range(lines, 9, 1, 9, 1) == ((1, 2), (1, 2))  # past the end: the end
    assert to_range(lines, 1, 3, 1, 1) == ((0, 2), (0, 3))  # never an end before the start
