"""Lines of text → logical table rows, in every layout text extraction produces.

Layouts (see shared/spec/format.md §8): one cell per line (tab-indented, blank line between
rows); one cell per line ending in ` |` with `|`/`||||` fillers; tab-separated rows with
leading empty cells for merged labels; pipe-separated rows; Markdown tables; and rows of
space-separated numbers after a label (pdftotext).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..model import BLANK, JUNK, LABEL, NUMBER, Cell, CellKind, Line, Row, Span
from ..speed import remember

# These run on normalised text: full-width forms (（，．－) and U+2212 (−) are already ASCII, and
# leaving them out of character classes keeps the classes small (cheap to compile on every run).
# thousands separators only as grouping: 1,056 (not 0,056, a decimal comma or a typo: not a number)
_NUMBER = re.compile(r"^[+\-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_SPACE_ROW = re.compile(r"^(?P<label>\S.*?\S)(?P<nums>(?:\s+[+\-]?\d+(?:\.\d+)?)+)\s*$")
_MAX_SPACE_LABEL = 50
_MAX_SPACE_ROW = 400
# Needed on few lines: compiled (and cached by `re`) when first used, not on every run.
_PAGE_MARK = r"^[-—–_\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–_\s]*$"  # "— 4 —", "第 4 页"
_PAGE_MARK_START = "-—–_第0123456789"
_PROSE_FIGURE = r"\d(?![\d.、])"  # a figure, not a sub-row ordinal such as "1."
_ORDINAL_PREFIX = r"^\s*\(?(?:[一二三四五六七八九十]+|\d{1,2})\)?[、.]?\s*"


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _has_cjk(text: str, at_least: int = 1) -> bool:
    # a loop, not a regex: a class over 26,000 code points takes longer to compile than a lint
    for ch in text:
        if _is_cjk(ch):
            at_least -= 1
            if not at_least:
                return True
    return False


# What a line is to a table (shape_of): a break (an empty line or a filler) ends a row written one
# cell per line; a cell joins one; a row is a row of its own.
BREAK, CELL, ROW = "break", "cell", "row"


_new = tuple.__new__  # Cell and Span are tuples: made directly, without their Python-level __new__


def classify(text: str) -> CellKind:
    if not text:
        return BLANK
    if text.isascii() and (text.isdigit() or _NUMBER.match(text)):
        return NUMBER
    if _has_cjk(text, 2):
        return LABEL
    return JUNK


def amount(text: str):
    """The value of a NUMBER cell's text: an int for whole numbers (nearly every count), else an exact
    Decimal, imported only then (`decimal` takes longer to import than a report of whole numbers
    takes to lint)."""
    if text.isdigit():
        return int(text)
    from decimal import Decimal

    return Decimal(text.replace(",", ""))


# A cell as shape_of finds it: (text, start, stop, kind, column, end column) — 0-based [start, stop)
# for slicing the original line, 1-based columns for its span. Tuples of positions, not Cells: a
# line's pieces are worked out once per distinct text (logical_rows keeps them) and made into the
# cells of each line that has that text.
Piece = tuple


def _cell(text: str, start: int, end: int) -> Piece:
    """The piece occupying [start, end) of the line's text, located on its stripped text."""
    return _piece(start, text[start:end])


def _piece(start: int, piece: str) -> Piece:
    """The cell of `piece`, the line's text from `start` (0-based). Pieces of rows (` 0 `, `12`,
    labels) repeat far more than rows do: each short one is read once."""
    read = _PIECES.get(piece)
    if read is None:
        read = _read_piece(piece)
        if len(piece) <= _MAX_PIECE:
            remember(_PIECES, piece, read)
    text, lead, length, kind = read
    first = start + lead
    return (text, first, first + length, kind, first + 1, first + length + 1)


def _read_piece(piece: str) -> tuple[str, int, int, CellKind]:
    """(stripped text, where it starts in the piece, its length, kind); an empty cell points at
    where it stands: its separator, or the line's end."""
    text = piece.strip()
    if not text:
        return "", 0, 0, BLANK
    kind = NUMBER if text.isdigit() and text.isascii() else classify(text)  # most cells are counts
    return text, piece.index(text), len(text), kind  # text starts with a non-space: after the spaces


_PIECES: dict[str, tuple[str, int, int, CellKind]] = {}
_MAX_PIECE = 64


def _split(text: str, sep: str, bordered: bool = True) -> list[Piece]:
    pieces, start = [], 0
    for piece in text.split(sep):  # str.split, then the offsets: a Python loop per piece, not per char
        pieces.append(_piece(start, piece))
        start += len(piece) + 1
    if sep == "|":
        stripped = text.strip()
        if stripped.startswith("|") and bordered:  # Markdown's left border, not an empty first cell
            pieces = pieces[1:]
        if stripped.endswith("|"):
            pieces = pieces[:-1]
    return pieces


def _space_row(text: str) -> list[Piece] | None:
    if len(text) > _MAX_SPACE_ROW:  # a table row is short; never backtrack over a huge line
        return None
    match = _SPACE_ROW.match(text.strip())
    if not match:
        return None
    label = match.group("label")
    # A label has no figures of its own (past its ordinal): "收到申请 9 件，…… 2" is prose.
    if len(label) > _MAX_SPACE_LABEL or not _has_cjk(label) or \
            re.search(_PROSE_FIGURE, re.sub(_ORDINAL_PREFIX, "", label)):
        return None
    offset = len(text) - len(text.lstrip())
    pieces = [_cell(text, offset + match.start("label"), offset + match.end("label"))]
    for num in re.finditer(r"\S+", match.group("nums")):
        a = offset + match.start("nums") + num.start()
        pieces.append(_cell(text, a, a + len(num.group())))
    return pieces


def shape_of(text: str, bordered: bool, stripped: str) -> tuple[str, list[Piece]]:
    """What a line's text is to a table, and its cells. `bordered`: pipe rows in this text open
    with a border `|` (Markdown) — else a leading `|` closes an empty first cell (`a | b |` rows, as
    in 表四's label-less row). `stripped`: the text, stripped."""
    if "|" in stripped:
        if stripped == "|":
            return CELL, [_cell(text, text.index("|"), text.index("|"))]
        if not stripped.replace("|", "").strip():  # a filler `||||` — or a row of empty cells `| | |`
            return (ROW, _split(text, "|", bordered)) if re.search(r"\|\s+\|", stripped) else (BREAK, [])
        if _MD_RULE.match(stripped):
            return BREAK, []
        if stripped.count("|") == 1 and stripped.endswith("|"):
            return CELL, [_cell(text, 0, text.rindex("|"))]
        return ROW, _split(text, "|", bordered)
    if "\t" in text:
        if not stripped:  # an empty cell on its line; tabs alone: a row of empty cells
            return (ROW, _split(text, "\t")) if text.count("\t") > 1 else (CELL, [_cell(text, 0, 0)])
        if "\t" not in text.lstrip("\t").rstrip(" "):  # "\tcell": one cell per line, tab-indented
            return CELL, [_cell(text, 0, len(text))]
        return ROW, _split(text, "\t")
    if not stripped or (stripped[0] in _PAGE_MARK_START and re.match(_PAGE_MARK, stripped)):  # "— 4 —" ends a row
        return BREAK, []
    space_row = _space_row(text)
    if space_row:
        return ROW, space_row
    return CELL, [_cell(text, 0, len(text))]


def _is_filler(stripped: str) -> bool:
    return len(stripped) > 1 and not stripped.replace("|", "").strip()


def _bordered(stripped_lines: list[str]) -> bool:
    """Do this text's pipe rows open with a border? (most rows decide)"""
    rows = [t for t in stripped_lines if t.count("|") >= 2 and not _is_filler(t) and not _MD_RULE.match(t)]
    return sum(t.startswith("|") for t in rows) * 2 > len(rows)


# A line's text → (shape, pieces, filler?, a lone `|`?). Labels, headers, `0` and fillers repeat
# within a report and from report to report, so each such text is split once; rows of numbers,
# which seldom repeat, and long lines are not kept. One table per `bordered`.
_RECIPES: tuple[dict, dict] = ({}, {})
_MAX_RECIPE_LINE = 300


def _learn(text: str, bordered: bool, recipes: dict) -> tuple:
    stripped = text.strip()
    shape, pieces = shape_of(text, bordered, stripped)
    recipe = (shape, pieces, _is_filler(stripped), stripped == "|")
    if len(text) <= _MAX_RECIPE_LINE and (shape is not ROW or all(p[3] is not NUMBER for p in pieces)):
        remember(recipes, text, recipe)
    return recipe


# Double-spaced extraction (a web page copied as text): every cell is followed by a blank line, so a
# blank line says nothing about rows. Told from the text itself: nearly every short single-cell line
# is followed by an empty line (one cell per line with blank lines between rows: about half).
_MIN_PIPE_CELLS = 3
_DOUBLE_SHORT = 40  # longer lines are prose, double-spaced in every layout
_DOUBLE_MIN_CELLS = 6
_DOUBLE_SHARE = 0.8


def _many_empty(texts: list[str]) -> bool:
    """Double-spaced text is about half empty lines: below a third, not worth a closer look."""
    return texts.count("") * 3 >= len(texts)


def double_spaced(recipes: list[tuple], texts: list[str]) -> bool:
    if not _many_empty(texts):
        return False
    cells = followed = 0
    for i, (shape, pieces, _, _) in enumerate(recipes[:-1]):
        if (shape is CELL and pieces[0][3] is not BLANK and len(pieces[0][0]) <= _DOUBLE_SHORT) \
                or (shape is BREAK and classify(texts[i].strip()) is NUMBER):
            cells += 1
            followed += recipes[i + 1][0] is BREAK and not texts[i + 1].strip()
    return cells >= _DOUBLE_MIN_CELLS and followed >= _DOUBLE_SHARE * cells


def _bare_number(text: str) -> tuple:
    """A count alone on its line in double-spaced text: a cell, not a page number (`4`)."""
    return CELL, [_cell(text, 0, len(text))], False, False


def _always(text: str) -> bool:
    return True


def logical_rows(lines: list[Line], starts_row: Callable[[str], bool] = _always, per_empty: int = 1) -> list[Row]:
    """Group lines into rows: a multi-cell line is a row; single cells gather until a break, or
    until a label after the row's data — a label `starts_row` accepts (a word such as 若干 in a count
    cell is a value, not the next row's label). In double-spaced text a blank line is no break, and
    each further blank line in a run is an empty cell — or each further two (`per_empty`)."""
    rows: list[Row] = []
    recipes_for = _RECIPES[_bordered([line.text.strip() for line in lines if "|" in line.text])]
    bordered = recipes_for is _RECIPES[1]
    recipes = [recipes_for.get(line.text) or _learn(line.text, bordered, recipes_for) for line in lines]
    texts = [line.text for line in lines]
    double = double_spaced(recipes, texts)
    if double:
        recipes = [_bare_number(line.text) if r[0] is BREAK and classify(line.text.strip()) is NUMBER else r
                   for line, r in zip(lines, recipes)]
    # one cell per line ending in ` |` without filler lines: a bare `|` opens a row (an empty cell is ` |`)
    openers = "|" in texts and not any(r[2] for r in recipes) and \
        sum(r[0] is CELL and line.text.endswith(" |") for line, r in zip(lines, recipes)) >= _MIN_PIPE_CELLS
    # the cells written one per line that are gathering into a row; whether it holds data (a value,
    # or a blank after a label) is kept up to date as cells come: rescanning made long runs quadratic
    group: list[Cell] = []
    has_data = seen_label = nonblank = after_filler = False
    blank_run: list[Line] = []  # double-spaced: the empty lines since the last cell
    for line, (shape, pieces, filler, lone_pipe) in zip(lines, recipes):
        text = line.text
        if after_filler and lone_pipe:  # one cell per line with ` |`: `|` after `||||` opens a row
            after_filler = False
            continue
        after_filler = filler
        if openers and text == "|":
            shape = BREAK
        if double and shape is BREAK and not text.strip():
            blank_run.append(line)
            continue
        if double and group and len(blank_run) > 1:  # empty cells written as further blank lines
            group += _empty_cells(blank_run, per_empty)
            has_data = has_data or seen_label
        blank_run = []
        kind = pieces[0][3] if shape is CELL else None
        if shape is not CELL or (kind is LABEL and has_data and starts_row(pieces[0][0])):  # the group is a row
            if nonblank or len(group) > 1:  # a row of empty cells is a row (表四 with every cell blank)
                rows.append(Row(group))
            group = []
            has_data = seen_label = nonblank = False
        if shape is BREAK:
            continue
        number, raw = line.number, line.raw
        same = raw == text  # then a cell's original text is its text (no slicing)
        cells = [_new(Cell, (t, t if same else raw[a:b], _new(Span, (number, c, number, e)), k))
                 for t, a, b, k, c, e in pieces]
        if shape is ROW:
            rows.append(Row(cells))
            continue
        group.append(cells[0])
        if kind is not BLANK:
            nonblank = True
        if kind is NUMBER or kind is JUNK or (seen_label and kind is BLANK) or (kind is LABEL and seen_label and not starts_row(pieces[0][0])):
            has_data = True
        if kind is LABEL:
            seen_label = True
    if double and group and len(blank_run) > 1:  # the last cells of the text, empty
        group += _empty_cells(blank_run, per_empty)
    if nonblank or len(group) > 1:
        rows.append(Row(group))
    return rows


def empty_cell_lines(lines: list[Line]) -> tuple[int, ...]:
    """How many empty lines an empty cell may take in double-spaced text: one more empty line, or an
    empty line and its own blank line after it (two). Runs of empty lines between cells of even
    length rule out two; when every run is odd, both readings are possible and the caller tries both
    (the one whose rows fit the template wins)."""
    texts = [line.text for line in lines]
    if not _many_empty(texts):
        return (1,)
    runs, run = [], 0
    for text in texts:
        if not text.strip():
            run += 1
        else:
            if run > 1:
                runs.append(run)
            run = 0
    return (1, 2) if runs and all(r % 2 for r in runs) else (1,)


def _empty_cells(run: list[Line], per_empty: int) -> list[Cell]:
    """The empty cells a run of empty lines stands for, each at its first line."""
    return [_new(Cell, ("", "", Span.at(b.number, 1), BLANK)) for b in run[1::per_empty][:(len(run) - 1) // per_empty]]


def value_offsets(values: list[Cell], count: int) -> range:
    """Where `count` values can start so that every cell left out is a filler blank: from where the
    trailing blanks allow to where the leading blanks allow."""
    extra = len(values) - count
    if extra <= 0:
        return range(0, 1) if extra == 0 else range(0)
    lead = 0
    while lead < extra and values[lead].kind is BLANK:
        lead += 1
    trail = 0
    while trail < extra and values[-1 - trail].kind is BLANK:
        trail += 1
    return range(extra - trail, lead + 1)


def fit_values(values: list[Cell], count: int, hint: int | None = None,
               offsets: range | None = None) -> list[Cell] | None:
    """The row's values without the filler blanks text extraction adds around them. When blanks
    could be fillers on either side (a blank 总计 and a merged-label filler), `hint` — the offset
    the table's other rows of this shape use — decides; without one, fillers go first at the end.
    `offsets`: value_offsets(values, count), when the caller has it already."""
    if offsets is None:
        offsets = value_offsets(values, count)
    if not offsets:
        return None
    start = hint if hint in offsets else offsets[0]
    return list(values[start:start + count])
