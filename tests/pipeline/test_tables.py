"""Tables: value offsets by counting blanks, and rows built from each text's remembered pieces,
against the plain way of reading them."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xxgk_lint.model import BLANK, JUNK, LABEL, NUMBER, Cell, Line, Span
from xxgk_lint.pipeline.tables import (
    _RECIPES,
    BREAK,
    CELL,
    ROW,
    _is_filler,
    _learn,
    double_spaced,
    logical_rows,
    shape_of,
    value_offsets,
)


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
        if any(c.kind is not BLANK for c in group) or len(group) > 1:  # several empty cells: a row
            out.append(list(group))
        group.clear()

    shapes = [shape_of(line.text, bordered, stripped) for line, stripped in zip(lines, stripped_lines)]
    # one cell per line ending in ` |` and no fillers: a bare `|` line opens a row
    openers = not any(_is_filler(t) for t in stripped_lines) and \
        sum(shape is CELL and line.text.endswith(" |") for line, (shape, _) in zip(lines, shapes)) >= 3
    for line, stripped, (shape, pieces) in zip(lines, stripped_lines, shapes):
        if after_filler and stripped == "|":
            after_filler = False
            continue
        after_filler = _is_filler(stripped)
        if openers and line.text == "|":
            shape = BREAK
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
    recipes = [_learn(line.text, False, {}) for line in lines]
    assume(not double_spaced(recipes, [line.text for line in lines]))  # the reference knows no double spacing
    expected = _reference_rows(lines)
    for _ in range(2):  # with the pieces learnt and with them remembered
        assert [row.cells for row in logical_rows(lines)] == expected
    _RECIPES[0].clear(), _RECIPES[1].clear()
