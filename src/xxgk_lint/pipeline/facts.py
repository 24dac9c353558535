"""What a report says of itself that other reports are checked against: its agency and year, the
cells the cross-report rules read, and where each stands in the file.

A `Facts` record is small on purpose (a few dozen cells, not the report): an evaluator's run holds
one per report until every report is read, and a worker process sends it back with the findings.
Positions are the file's own (HTML: its source), and the place in a .docx or .pdf, as a finding
gives them, so a finding in another report can point here without reading it again.
"""
from __future__ import annotations

from ..speed import Record
from .figures import agency, number
from .report import Report

Key = tuple[str, str, str]  # (table id, row id, column id) of the template


class Located(Record):
    """A cell (or the title) in its file: its value and where it stands."""

    __slots__ = ("number", "raw", "line", "column", "end_line", "end_column", "source", "place")

    def __init__(self, number: int | float | None, raw: str, line: int, column: int, end_line: int,
                 end_column: int, source: str = "", place: dict | None = None) -> None:
        self.number = number  # None: blank or not a number
        self.raw = raw
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.source = source  # the file's line there, for context
        self.place = place  # .docx/.pdf: page, paragraph, table/row/column, quote

    def plain(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)


class Facts(Record):
    __slots__ = ("path", "agency", "year", "year_stated", "title", "templates", "cells", "inline")

    def __init__(self, path: str, agency: str, year: int | None, year_stated: bool, title: Located | None,
                 templates: dict[str, str], cells: dict[Key, Located], inline: list[tuple] | None = None) -> None:
        self.path = path
        self.agency = agency  # from the title ("" when it has none)
        self.year = year
        # the year is the report's own word (title, 统计期限, its citation of itself), not a count of
        # the years its text mentions: only such a year places a report in a series
        self.year_stated = year_stated
        self.title = title
        self.templates = templates  # table id → the template it was read against
        self.cells = cells
        # the file's inline suppression comments, (codes, first line, last line, reason, line,
        # column): a finding made across reports is silenced by them as any other
        self.inline = [] if inline is None else inline

    def __reduce__(self):
        # a worker's facts arrive in the parent, which keeps one per report until every report is read:
        # the cell ids and template ids are shared among reports, not a copy each (half their memory)
        return _restored, (self.path, self.agency, self.year, self.year_stated, self.title, self.templates,
                           self.cells, self.inline)

    def plain(self) -> tuple:
        """Plain data (for the result cache's `marshal`)."""
        return (self.path, self.agency, self.year, self.year_stated, self.title.plain() if self.title else None,
                self.templates, [(list(k), v.plain()) for k, v in self.cells.items()], self.inline)

    @classmethod
    def from_plain(cls, data: tuple) -> Facts:
        path, name, year, stated, title, templates, cells, inline = data
        return _restored(path, name, year, stated, Located(*title) if title else None, templates,
                         {tuple(k): Located(*v) for k, v in cells}, [tuple(i) for i in inline])


_SHARED: dict = {}  # cell ids and template ids, each kept once (a few hundred at most)


def _shared(value):
    return _SHARED.setdefault(value, value)


def _restored(path, agency, year, year_stated, title, templates, cells, inline) -> Facts:
    return Facts(path, agency, year, year_stated, title, {_shared(k): _shared(v) for k, v in templates.items()},
                 {_shared(k): v for k, v in cells.items()}, inline)


def facts_of(report: Report, wanted: frozenset[Key], inline: list[tuple] | None = None) -> Facts:
    """The report's agency, year and the `wanted` cells it has (aligned, with or without a value)."""
    doc, meta = report.doc, report.metadata
    title = None
    if meta.title_span is not None:
        title = _located(report, meta.title_span, meta.title_text, None)
    # the report's own word on its year, only when what it says agrees (a title of 2024 over a 统计期限
    # of 2023 is Y001's finding: which one is right is not ours to guess)
    said = {m.year for m in (meta.title_year, meta.period_year, *meta.cited_years) if m is not None}
    stated = len(said) == 1
    cells: dict[Key, Located] = {}
    templates = {}
    for table_id, table in report.tables.items():
        if not table.found:
            continue
        templates[table_id] = table.template
        for row in table.spec.rows:
            match = table.rows.get(row.id)
            if match is None or match.values is None:
                continue
            for column, cell in zip(table.spec.columns, match.values):
                key = (table_id, row.id, column.id)
                if key in wanted:
                    cells[key] = _located(report, cell.span, cell.raw, number(cell))
    return Facts(doc.path, agency(meta.title_text), meta.year, stated, title, templates, cells, inline)


def _located(report: Report, span, raw: str, value) -> Located:
    doc = report.doc
    at = doc.locate_span(span)
    place = doc.where(span.line, span.column, span.end_column if span.end_line == span.line else None)
    return Located(value, raw, at.line, at.column, at.end_line, at.end_column, doc.source_line(at.line), place)
