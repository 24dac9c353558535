"""The parsed report: plain data classes shared by every pipeline step.

Every position is in the ORIGINAL text: 1-based line, 1-based column in code points.
Normalisation is length-preserving per line, so a column in the normalised text is
the same column in the original.
"""
from __future__ import annotations

from collections import namedtuple
from enum import Enum

from .speed import Record


class Span(namedtuple("Span", "line column end_line end_column")):
    """line, column, end_line, end_column (exclusive, like SARIF). A tuple: made for every cell, so
    it must be cheap to create (and `collections`, unlike `typing`, is loaded anyway)."""

    __slots__ = ()

    @classmethod
    def at(cls, line: int, column: int, length: int = 0) -> "Span":
        return cls(line, column, line, column + max(length, 0))


class CellKind(str, Enum):
    BLANK = "blank"
    NUMBER = "number"
    LABEL = "label"
    JUNK = "junk"  # value-like but not a number: "/", "—", "无", "0 0 0"


# The members as plain names: hot loops ask every cell for its kind, and an Enum class lookup
# (`CellKind.LABEL`) is slow there.
BLANK, NUMBER, LABEL, JUNK = CellKind.BLANK, CellKind.NUMBER, CellKind.LABEL, CellKind.JUNK


class Cell(namedtuple("Cell", "text raw span kind")):
    """text: normalised (Simplified, half-width), stripped; raw: the original text, stripped; span;
    kind. A tuple like Span: a report has hundreds of cells, and tuples are the cheapest to make."""

    __slots__ = ()


class Row(Record):
    """A logical table row as text extraction left it: cells in reading order (not changed after)."""

    __slots__ = ("cells", "labels", "last_label", "has_number")

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        # derived once: every step asks for them
        self.labels = labels = []
        self.last_label = -1  # index of the last label cell, -1 if none
        has_number = False
        for i, cell in enumerate(cells):
            kind = cell.kind
            if kind is LABEL:
                labels.append(cell)
                self.last_label = i
            elif kind is NUMBER:
                has_number = True
        self.has_number = has_number

    @property
    def line(self) -> int:
        return self.cells[0].span.line

    def values_after_labels(self) -> list[Cell]:
        return self.cells[self.last_label + 1:]


class Heading(Record):
    __slots__ = ("section_id", "number", "title", "span", "number_span")

    def __init__(self, section_id: str, number: str | None, title: str, span: Span, number_span: Span) -> None:
        self.section_id = section_id  # template part: 一 … 六
        self.number = number  # the numeral as written, None when unnumbered
        self.title = title  # normalised title without numbering
        self.span = span  # the whole heading text
        self.number_span = number_span


class Section(Record):
    __slots__ = ("heading", "start_line", "end_line")

    def __init__(self, heading: Heading, start_line: int, end_line: int) -> None:
        self.heading = heading
        self.start_line = start_line  # first line after the heading
        self.end_line = end_line  # last line (inclusive)


class Place(namedtuple("Place", "page page_line paragraph table row column", defaults=(None,) * 6)):
    """Where a person finds a character of a document (.docx, .pdf): page and line on the page, body
    paragraph, or table, row and column (all 1-based); None where the document has no such thing."""

    __slots__ = ()

    def as_dict(self) -> dict[str, int]:
        return {key: value for key, value in zip(self._fields, self) if value is not None}


class Line(namedtuple("Line", "number raw text origin places", defaults=(None, None))):
    """number; raw: as read; text: normalised, the same length as raw; origin (HTML): the source
    (line, column) of each character, then of the end; places (.docx, .pdf): the `Place` of each
    character, then of the end. A tuple, cheap to make for every line."""

    __slots__ = ()


class Document(Record):
    __slots__ = ("path", "lines", "encoding", "source", "notes")

    def __init__(self, path: str, lines: list[Line], encoding: str, source: list[str] | None = None) -> None:
        self.path = path
        self.lines = lines
        self.encoding = encoding  # of a text file; "docx", "pdf": the reader of a document
        self.source = source  # the file's own lines when they differ from `lines` (HTML)
        self.notes: list[tuple[str, str]] = []  # (English, Chinese): what a reader could read only in part

    def source_line(self, number: int) -> str:
        """The file's line `number` as written (for showing a finding in context)."""
        if self.source is not None:
            return self.source[number - 1] if 0 < number <= len(self.source) else ""
        return self.lines[number - 1].raw if 0 < number <= len(self.lines) else ""

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def text_between(self, first: int, last: int) -> list[Line]:
        return self.lines[max(first, 1) - 1:max(last, 0)]

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """A position in the text as read → the position in the file (they differ for HTML)."""
        origin = self.lines[line - 1].origin if 0 < line <= len(self.lines) else None
        if origin is None:
            return line, column
        return origin[min(max(column, 1), len(origin)) - 1]

    def place(self, line: int, column: int) -> Place | None:
        """Where a person finds a position of the text as read in the document (.docx, .pdf); None
        for text files and HTML, whose positions are the file's own."""
        places = self.lines[line - 1].places if 0 < line <= len(self.lines) else None
        if not places:
            return None
        return places[min(max(column, 1), len(places)) - 1]

    def where(self, line: int, column: int, end_column: int | None = None) -> dict | None:
        """Where a person finds a position of a .docx or .pdf (the `Place`'s fields) and the text
        there: the span's up to `end_column`, or else the cell or line the position is in (a blank
        cell quotes nothing). None for text files and HTML."""
        place = self.place(line, column)
        if place is None:
            return None
        out = place.as_dict()
        text, places = self.lines[line - 1].raw, self.lines[line - 1].places
        if end_column is not None and end_column > column:
            quote = text[column - 1:end_column - 1]
        else:  # the characters around the position that share its place: its cell or its line
            start = end = min(max(column, 1), len(text) + 1) - 1
            while start > 0 and places[start - 1] == place and text[start - 1] != "\t":
                start -= 1
            while end < len(text) and places[end] == place and text[end] != "\t":
                end += 1
            quote = text[start:end]
        if quote.strip():
            out["quote"] = quote.strip()
        return out

    def locate_span(self, span: Span) -> Span:
        line, column = self.locate(span.line, span.column)
        if span.end_column <= span.column and span.end_line == span.line:
            return Span(line, column, line, column)
        end_line, end_column = self.locate(span.end_line, span.end_column - 1)
        return Span(line, column, end_line, end_column + 1)


class Related(Record):
    __slots__ = ("line", "column", "message", "message_en", "end_line", "end_column")

    def __init__(self, line: int, column: int, message: str, message_en: str = "",
                 end_line: int | None = None, end_column: int | None = None) -> None:
        self.line = line
        self.column = column
        self.message = message
        self.message_en = message_en
        self.end_line = end_line
        self.end_column = end_column


class Edit(Record):
    """A fix's change of the text as read: `span` (one line) becomes `text`."""

    __slots__ = ("span", "text")

    def __init__(self, span: Span, text: str) -> None:
        self.span = span
        self.text = text


class Finding(Record):
    """A rule's finding before the rule's presentation (code, severity) is attached."""

    __slots__ = ("span", "params", "related", "logical", "variant", "fix")

    def __init__(self, span: Span, params: dict | None = None, related: list[Related] | None = None,
                 logical: str = "", variant: str = "", fix: list[Edit] | None = None) -> None:
        self.span = span
        self.params = {} if params is None else params
        self.related = [] if related is None else related
        self.logical = logical  # table/row/column or section: survives line shifts
        self.variant = variant  # selects an alternative message of the rule
        # the edits that mend it, where the kind knows them for certain of the text; whether the rule
        # offers them, and as safe or unsafe, is the rule's `fix`
        self.fix = fix
