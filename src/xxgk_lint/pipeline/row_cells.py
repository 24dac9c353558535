"""What a row's cells are to the template: where its label ends, which cells are its values, and
where one row ends and the next begins when the text gives no row breaks.

A cell is a label only where the template or the layout says labels go. A short text after a row's
label (若干, 暂无, 不详) is that row's value written in words (a finding for the number rules), not
the next row's label; a template row label in the middle of a gathered row starts a row of its own.
"""
from __future__ import annotations

from collections.abc import Callable

from ..model import BLANK, JUNK, LABEL, NUMBER, Cell, Row
from .labels import RowIndex, is_caption
from .normalize import label_key, strip_ordinal
from .tables import fit_values
from .template import RowSpec, TableSpec

# The longest text still read as a count cell's words (本年度未发生: 6); a longer text is a label.
WORD_MAX = 6


def is_word(cell: Cell) -> bool:
    return cell.kind is LABEL and is_word_text(cell.text)


def is_word_text(text: str) -> bool:
    """A count written in words (若干, 暂无, 未收费): short, and neither numbered like a row label
    (`2.需另行制作`) nor a label with a colon (`其中：网上申请`)."""
    key = label_key(text)
    return len(key) <= WORD_MAX and strip_ordinal(key) == key and not key[:1].isdigit() and "：" not in text \
        and ":" not in text


def without_trailing_text(values: list[Cell], width: int) -> list[Cell] | None:
    """A row gathered over lines whose counts are followed by more text than its columns hold (a
    short paragraph after the table in double-spaced text: 无, （单位：件）): the values up to its
    last count and the empty cells after it, fitted; None when that does not fit either."""
    last = max((i for i, c in enumerate(values) if c.kind is NUMBER), default=-1)
    if last < 0 or last + 1 == len(values):
        return None
    end = last + 1
    while end < len(values) and values[end].kind is BLANK and end < width:
        end += 1
    return fit_values(values[:end], width)


def row_starter(index: RowIndex, specs: list[TableSpec]) -> Callable[[str], bool]:
    """Does a label text start a row (when it follows a row's data)? A template row label, a
    block caption, a near-miss of a row label, or any text too long to be a count written in words."""
    def starts_row(text: str) -> bool:
        return (not is_word_text(text) or index.lookup(text) is not None
                or is_caption(text, specs) or index.near(text) is not None)
    return starts_row


def split_at_row_labels(row: Row, index: RowIndex) -> list[Row]:
    """Cut a gathered row before each template row label that follows anything but group captions:
    header words, another row's label or values (double-spaced text has no row breaks of its own)."""
    if row.cells[0].span.line == row.cells[-1].span.line:  # a row the layout wrote on one line is one row
        return [row]
    cuts, content = [0], False
    for i, cell in enumerate(row.cells):
        if cell.kind is LABEL:
            hit = index.lookup(cell.text)
            if hit is not None:
                if content and i > cuts[-1]:
                    cuts.append(i)
                content = not hit[1].group
                continue
        if cell.kind is not BLANK:
            content = True
    if len(cuts) == 1:
        return [row]
    cuts.append(len(row.cells))
    return [Row(row.cells[a:b]) for a, b in zip(cuts, cuts[1:])]


def split_at_captions(rows: list[Row], specs: list[TableSpec]) -> list[Row]:
    """One-cell-per-line text can gather a caption with the labels around it into one row."""
    out = []
    for row in rows:
        if not any("条" in c.text for c in row.labels):  # every caption is 第二十条第…项
            out.append(row)
            continue
        captions = [i for i, c in enumerate(row.cells) if c.kind is LABEL and is_caption(c.text, specs)]
        if not captions:
            out.append(row)
            continue
        cuts = sorted({0, len(row.cells)} | set(captions) | {i + 1 for i in captions})
        out += [Row(row.cells[a:b]) for a, b in zip(cuts, cuts[1:])]
    return [r for r in out if r.cells]


def _continues(label: Cell, piece: Cell, spec: RowSpec) -> bool:
    """Is `piece` the rest of a label broken by a line wrap (`2.其他法律行政法规禁` + `止公开`)?"""
    joined = strip_ordinal(label_key(label.text + piece.text))
    return any(form.startswith(joined) for form in (strip_ordinal(label_key(spec.label)), *spec.match)) \
        and len(joined) > len(strip_ordinal(label_key(label.text)))


def cells_after(row: Row, label: Cell) -> list[Cell]:
    """The row's cells after its label; after its last label when the label stands on a line
    before the row (a wrapped label, values under their label)."""
    at = next((i for i, c in enumerate(row.cells) if c is label), row.last_label)
    return row.cells[at + 1:]


def values_of(row: Row, label: Cell, spec: RowSpec, width: int) -> list[Cell]:
    """The row's value cells after its matched label: the rest of a wrapped label is skipped, a
    short text is a value written in words (kind JUNK), and a long label restarts the values (a
    label broken over cells: the values follow its last piece). In a row without a number, words
    are values only where they fill the table's `width` columns; else they are the label's pieces."""
    if row.last_label >= 0 and row.cells[row.last_label] is label:  # the common case: no text after it
        return row.cells[row.last_label + 1:]
    values: list[Cell] = []
    words = False
    for cell in cells_after(row, label):
        if cell.kind is not LABEL:
            values.append(cell)
        elif not values and _continues(label, cell, spec):
            label = Cell(label.text + cell.text, label.raw, label.span, LABEL)
        elif is_word(cell):
            values.append(cell._replace(kind=JUNK))
            words = True
        else:
            values = []
    if words and not any(c.kind is NUMBER for c in values) and fit_values(values, width) is None:
        return []
    return values
