"""A PDF page's tables drawn without ruling lines (a Word table in a style without borders,
exported to PDF) → tables of rows and cells, like the ruled ones (`pdf_tables.RawTable`).

Without lines, a narrow label column wraps its cells over several printed lines (`一、本` /
`年新收政府信…` / `…数量`, the values beside the first), which read as text would be many rows.
The evidence looked for is strong, never prose:
- anchors: printed lines of two chunks or more (words closer than CHUNK_EM × their size are one
  chunk) with a number in a chunk after the first (`规章  0  0  0`);
- columns: the runs of x the anchors' chunks cover (`_columns`); consecutive anchors are one table
  while every line between them fits its columns (each chunk inside one column); the table then
  takes the fitting lines above (its header, captions) and below (the last row's wrapped label);
  it is kept when it holds MIN_NUMBERS numbers or more;
- rows: a word processor sets a cell's lines at the font's pitch; when the table's line spacing
  shows a larger step too (space around each cell's paragraph), that step starts a row; without
  it, a line with a number, or with a label starting as a new row would (`一、` `（一）` `1.`),
  starts one and other lines continue the row above (cells aligned at their top);
- a table starting a page, the fitting lines ending the page before are its first part (表三's
  header begun at the foot of a page): the reader joins the two as for ruled tables.
Its columns' left edges are where the columns start; the right edge is the last start plus the
narrowest column, the same on every page of a table (`pdf_tables.Columns.join`).
Limits: values centred or right-aligned in their column (their left edges differ) are split into
more columns; a cell centred vertically beside a taller label, with no spacing between rows, has
its label's first lines read as the row above's.
"""
from __future__ import annotations

import re

from .pdf_tables import RawTable

CHUNK_EM = 0.8  # a gap narrower than this × the font size is within a cell
TOL = 2.0  # points: a chunk may stick out of its column by this much
STEP = 1.4  # a line step this × the table's pitch or more starts a row
MIN_NUMBERS = 4  # numbers in a table at least
_NUMBER = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?%?")
_NEW_ROW = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|\d+\s*[.．、]\D)")


class Chunk:
    __slots__ = ("x0", "x1", "text")

    def __init__(self, x0: float, x1: float, text: str) -> None:
        self.x0, self.x1, self.text = x0, x1, text


class Line:
    __slots__ = ("top", "bottom", "size", "chunks", "furniture")

    def __init__(self, top: float, bottom: float, size: float, chunks: list[Chunk]) -> None:
        self.top, self.bottom, self.size, self.chunks = top, bottom, size, chunks
        self.furniture = False

    @property
    def numbers(self) -> int:
        return sum(1 for c in self.chunks[1:] if _NUMBER.fullmatch(c.text))


def lines_of(text_lines: list[dict]) -> list[Line]:
    """A page's printed lines (pdfplumber's extract_text_lines, with their chars) → lines of chunks."""
    out: list[Line] = []
    for text_line in text_lines:
        chars = sorted((ch for ch in text_line.get("chars", ()) if (ch.get("text") or "").strip()),
                       key=lambda ch: ch["x0"])
        if not chars:
            continue
        size = max(float(ch.get("size") or 10.0) for ch in chars)
        chunks: list[Chunk] = []
        for ch in chars:
            if chunks and ch["x0"] - chunks[-1].x1 < CHUNK_EM * size:
                last = chunks[-1]
                last.text += (" " if ch["x0"] - last.x1 > size / 4 else "") + ch["text"]
                last.x1 = ch["x1"]
            else:
                chunks.append(Chunk(ch["x0"], ch["x1"], ch["text"]))
        out.append(Line(min(ch["top"] for ch in chars), max(ch["bottom"] for ch in chars), size, chunks))
    return out


def _columns(lines: list[Line]) -> list[float]:
    """The left edges of the columns the lines' chunks make (the runs of x they cover)."""
    spans = sorted((c.x0, c.x1) for line in lines for c in line.chunks)
    starts: list[float] = []
    end = None
    for x0, x1 in spans:
        if end is None or x0 > end + TOL:
            starts.append(x0)
            end = x1
        else:
            end = max(end, x1)
    return starts


def _fits(line: Line, starts: list[float], right: float) -> bool:
    """Is every chunk of the line inside one column?"""
    edges = starts + [right]
    for chunk in line.chunks:
        j = max((i for i, s in enumerate(starts) if s <= chunk.x0 + TOL), default=None)
        if j is None or chunk.x1 > edges[j + 1] + TOL:
            return False
    return True


def _right(starts: list[float]) -> float:
    widths = [b - a for a, b in zip(starts, starts[1:])]
    return starts[-1] + min(widths)


class Found:
    """An unruled table on a page: its lines (indices into the page's lines) and column starts."""

    __slots__ = ("first", "last", "starts", "right")

    def __init__(self, first: int, last: int, starts: list[float], right: float) -> None:
        self.first, self.last, self.starts, self.right = first, last, starts, right


def find(lines: list[Line], taken: list[tuple[float, float]]) -> list[Found]:
    """The unruled tables among a page's lines (furniture and lines inside ruled tables left out)."""
    usable = [not l.furniture and not any(top - 1 <= (l.top + l.bottom) / 2 <= bottom + 1 for top, bottom in taken)
              for l in lines]
    anchors = [i for i, l in enumerate(lines) if usable[i] and len(l.chunks) > 1 and l.numbers]
    out: list[Found] = []
    k = 0
    while k < len(anchors):
        group = [anchors[k]]
        starts = _columns([lines[anchors[k]]])
        k += 1
        while k < len(anchors):
            trial = _columns([lines[i] for i in group + [anchors[k]]])
            if len(trial) < 2:
                break
            right = _right(trial)
            between = range(group[-1] + 1, anchors[k])
            if not all(usable[i] and _fits(lines[i], trial, right) for i in between) or \
                    not all(_fits(lines[i], trial, right) for i in group):
                break
            group.append(anchors[k])
            starts = trial
            k += 1
        if len(starts) < 2:
            continue
        right = _right(starts)
        first, last = group[0], group[-1]
        if not all(_fits(lines[i], starts, right) for i in range(first, last + 1)):
            continue
        floor = out[-1].last + 1 if out else 0
        while first > floor and usable[first - 1] and _fits(lines[first - 1], starts, right):
            first -= 1
        while last + 1 < len(lines) and usable[last + 1] and _fits(lines[last + 1], starts, right) and \
                not (last + 1 in anchors[k:k + 1]):
            last += 1
        if sum(lines[i].numbers + bool(_NUMBER.fullmatch(lines[i].chunks[0].text)) for i in range(first, last + 1)) \
                < MIN_NUMBERS:
            continue
        out.append(Found(first, last, starts, right))
    return out


def head(lines: list[Line], found: Found) -> Found | None:
    """The fitting lines ending a page (furniture aside) when the next page starts with `found`:
    the first part of its table, or None."""
    last = len(lines) - 1
    while last >= 0 and lines[last].furniture:
        last -= 1
    first = last + 1
    while first > 0 and not lines[first - 1].furniture and _fits(lines[first - 1], found.starts, found.right):
        first -= 1
    return Found(first, last, found.starts, found.right) if first <= last else None


def _rows(lines: list[Line]) -> list[list[Line]]:
    """A table's lines → its rows (see the module's docstring)."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])]
    pitch = min(steps) if steps else 0.0
    spaced = any(s >= STEP * pitch for s in steps)
    rows: list[list[Line]] = []
    for k, line in enumerate(lines):
        if not rows:
            rows.append([line])
            continue
        has = any(l.numbers for l in rows[-1])
        if spaced:
            new = steps[k - 1] >= STEP * pitch or (line.numbers > 0 and has)
        else:
            new = line.numbers > 0 or bool(_NEW_ROW.match(line.chunks[0].text))
        if new:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


class _Table:
    """What `RawTable` reads of a pdfplumber table: cells' boxes by row, their texts, the page's chars."""

    class _Row:
        def __init__(self, cells: list[tuple]) -> None:
            self.cells = cells

    class _Page:
        def __init__(self, chars: list[dict]) -> None:
            self.chars = chars

    def __init__(self, rows: list, texts: list[list[str]], chars: list[dict]) -> None:
        self.rows = rows
        self.cells = [box for row in rows for box in row.cells]
        self.texts = texts
        self.page = self._Page(chars)

    def extract(self) -> list[list[str]]:
        return self.texts


def raw_table(page: int, lines: list[Line], found: Found) -> RawTable:
    """The table's rows of cells, as a ruled table's."""
    mine = lines[found.first:found.last + 1]
    rows = _rows(mine)
    xs = found.starts + [found.right]
    ys = [rows[0][0].top - 1]
    for above, below in zip(rows, rows[1:]):
        ys.append((above[-1].bottom + below[0].top) / 2)
    ys.append(rows[-1][-1].bottom + 1)
    boxes, texts, chars = [], [], []
    for r, row in enumerate(rows):
        cells = [""] * len(found.starts)
        for line in row:
            placed: dict[int, str] = {}
            for chunk in line.chunks:
                j = max((i for i, s in enumerate(found.starts) if s <= chunk.x0 + TOL), default=0)
                placed[j] = placed[j] + " " + chunk.text if j in placed else chunk.text
                chars.append({"text": chunk.text, "x0": chunk.x0, "x1": chunk.x1, "top": line.top,
                              "bottom": line.bottom, "size": line.size})
            for j, text in placed.items():
                cells[j] = cells[j] + "\n" + text if cells[j] else text
        boxes.append(_Table._Row([(xs[c], ys[r], xs[c + 1], ys[r + 1]) for c in range(len(found.starts))]))
        texts.append(cells)
    return RawTable(page, _Table(boxes, texts, chars))


def add_tables(pages: list) -> None:
    """Add the unruled tables of each page (`.words`: its `Line`s, `.lines`: its text lines with
    furniture marked, `.tables`: its ruled tables) to its `.tables`, top to bottom."""
    found: list[list[Found]] = []
    ruled = [bool(page.tables) for page in pages]
    for page in pages:
        furniture = [(l.top, l.bottom) for l in page.lines if l.furniture]
        for line in page.words:
            middle = (line.top + line.bottom) / 2
            line.furniture = any(top - 1 <= middle <= bottom + 1 for top, bottom in furniture)
        taken = [(t.ys[0], t.ys[-1]) for t in page.tables]
        found.append(find(page.words, taken) if page.words else [])
    for k, page in enumerate(pages):
        if not found[k]:
            continue
        if k and not ruled[k - 1] and pages[k - 1].number == page.number - 1 and \
                not any(not l.furniture for l in page.words[:found[k][0].first]):
            before = found[k - 1]
            part = head(pages[k - 1].words, found[k][0])
            if part is not None and (not before or before[-1].last < part.first):
                before.append(part)  # pages before are done: only the next page reads this list
                pages[k - 1].tables = sorted(pages[k - 1].tables + [raw_table(pages[k - 1].number,
                                                                            pages[k - 1].words, part)],
                                             key=lambda t: t.top)
        page.tables = sorted(page.tables + [raw_table(page.number, page.words, f) for f in found[k]],
                             key=lambda t: t.top)
