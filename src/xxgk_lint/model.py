"""The parsed report: plain data classes shared by every pipeline step.

Every position is in the ORIGINAL text: 1-based line, 1-based column in code points.
Normalisation is length-preserving per line, so a column in the normalised text is
the same column in the original.
"""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from enum import Enum


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


@dataclass(slots=True)
class Cell:
    text: str  # normalised text (Simplified, half-width), stripped
    raw: str  # original text, stripped
    span: Span
    kind: CellKind



@dataclass(slots=True)
class Row:
    """A logical table row as text extraction left it: cells in reading order (not changed after)."""

    cells: list[Cell]
    labels: list[Cell] = field(init=False)  # derived once: every step asks for them
    last_label: int = field(init=False)  # index of the last label cell, -1 if none
    has_number: bool = field(init=False)

    def __post_init__(self) -> None:
        self.labels = [c for c in self.cells if c.kind is CellKind.LABEL]
        self.last_label = max((i for i, c in enumerate(self.cells) if c.kind is CellKind.LABEL), default=-1)
        self.has_number = any(c.kind is CellKind.NUMBER for c in self.cells)

    @property
    def line(self) -> int:
        return self.cells[0].span.line

    def values_after_labels(self) -> list[Cell]:
        return self.cells[self.last_label + 1:]


@dataclass
class Heading:
    section_id: str  # template part: 一 … 六
    number: str | None  # the numeral as written, None when unnumbered
    title: str  # normalised title without numbering
    span: Span  # the whole heading text
    number_span: Span


@dataclass
class Section:
    heading: Heading
    start_line: int  # first line after the heading
    end_line: int  # last line (inclusive)


@dataclass(slots=True)
class Line:
    number: int
    raw: str
    text: str  # normalised, same length as raw
    origin: list[tuple[int, int]] | None = None  # HTML: source (line, column) of each char, then the end


@dataclass
class Document:
    path: str
    lines: list[Line]
    encoding: str
    source: list[str] | None = None  # the file's own lines when they differ from `lines` (HTML)

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

    def locate_span(self, span: Span) -> Span:
        line, column = self.locate(span.line, span.column)
        if span.end_column <= span.column and span.end_line == span.line:
            return Span(line, column, line, column)
        end_line, end_column = self.locate(span.end_line, span.end_column - 1)
        return Span(line, column, end_line, end_column + 1)


@dataclass
class Related:
    line: int
    column: int
    message: str
    message_en: str = ""
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Finding:
    """A rule's finding before the rule's presentation (code, severity) is attached."""

    span: Span
    params: dict = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)
    logical: str = ""  # table/row/column or section: survives line shifts
    variant: str = ""  # selects an alternative message of the rule
