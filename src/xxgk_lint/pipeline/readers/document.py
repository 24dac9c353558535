"""What every document reader (.docx, .pdf, converted .doc/.wps/.odt) gives the pipeline, and the
limits that keep a hostile file from costing more than a real report.

A reader turns bytes into `Extracted`: lines of text, each character with the `Place` a person
finds it at, in reading order (a paragraph a line; a table row a tab-separated line, merged cells
once, as `grid.grid_lines` writes them). From there the pipeline is the one text and HTML go
through; no check knows which format a report came from.

A file that cannot be read raises `DocumentError` (P001, with the reason in both languages); a file
read only in part says so in `Extracted.notes` (P007), never silently.
"""
from __future__ import annotations

from ...model import Place
from ...speed import Record

# A published report is a few MB at most; these bound what a hostile file can make us read.
MAX_MEMBER_BYTES = 16 * 1024 * 1024  # one unpacked part of a .docx (word/document.xml; a report: < 2 MB)
MAX_RATIO = 200  # unpacked / packed size of a part: XML packs ~5-20×; a zip bomb ~1000×
MAX_TEXT_CHARS = 4_000_000  # characters of text a document may give the pipeline (~2,000 pages)


class DocumentError(Exception):
    """The document cannot be read: `reason` (English) and `reason_zh` say why and what to do."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh


class Extracted(Record):
    __slots__ = ("lines", "notes", "kind")

    def __init__(self, lines: list[tuple[str, list[Place]]], kind: str, notes: list[tuple[str, str]] | None = None) -> None:
        self.lines = lines  # (text, the Place of each character and of the end)
        self.kind = kind  # "docx", "pdf": the Document's `encoding`
        self.notes = [] if notes is None else notes  # (English, Chinese): what was read only in part


class LineBuilder(Record):
    """Collects lines with a place per character, stripped of surrounding white space, bounded by
    MAX_TEXT_CHARS (past it nothing more is taken, and `full` says so)."""

    __slots__ = ("lines", "chars", "full")

    def __init__(self) -> None:
        self.lines: list[tuple[str, list[Place]]] = []
        self.chars = 0
        self.full = False

    def add(self, text: str, places: list[Place]) -> None:
        """One line (no newline in `text`); `places` has one entry per character (the end's is added)."""
        body = text.strip()
        if not body or self.full:
            return
        lead = len(text) - len(text.lstrip())
        kept = places[lead:lead + len(body)]
        self.lines.append((body, kept + [kept[-1]]))
        self.chars += len(body)
        self.full = self.chars > MAX_TEXT_CHARS

    def add_grid(self, lines: list[tuple[str, list]]) -> None:
        """Rows from `grid.grid_lines` (their places already end with the end's)."""
        for text, places in lines:
            if self.full:
                return
            self.lines.append((text, places))
            self.chars += len(text)
            self.full = self.chars > MAX_TEXT_CHARS


def same(place: Place) -> Place:
    """The place just after a character's: a document's places are cells and lines, not columns."""
    return place
