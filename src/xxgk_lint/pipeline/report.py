"""The pipeline up to the rules: bytes → Report. Each step is its own module."""
from __future__ import annotations

from ..model import Document, Line, Section
from ..speed import Record
from .align_parts import align
from .aligned import AlignedTable
from .decode import decode
from .readers.document import DocumentError
from .metadata import Metadata, read_metadata
from .normalize import label_key, normalize_lines
from .sections import Outline, outline
from .template import Template, detect_markers, expected_template_id


class Report(Record):
    __slots__ = ("doc", "template", "markers_template", "metadata", "outline", "sections", "tables", "templates",
                 "derived")

    def __init__(self, doc: Document, template: Template, markers_template: str | None, metadata: Metadata,
                 outline: Outline, sections: dict[str, Section], tables: dict[str, AlignedTable],
                 templates: dict[str, Template]) -> None:
        self.doc = doc
        self.template = template
        self.markers_template = markers_template  # the template the table headers look like
        self.metadata = metadata
        self.outline = outline
        self.sections = sections
        self.tables = tables
        self.templates = templates  # every template the report was judged against (by id)
        self.derived: dict = {}  # what rules work out from the report once and share (kinds/_common.py)


class Unreadable(Record):
    __slots__ = ("path", "reason", "reason_zh")

    def __init__(self, path: str, reason: str, reason_zh: str) -> None:
        self.path = path
        self.reason = reason
        self.reason_zh = reason_zh


HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".doc", ".wps", ".odt")


def parse(path: str, data: bytes, templates: dict[str, Template], template_id: str | None = None,
          year: int | None = None) -> Report | Unreadable:
    lower = path.lower()
    if lower.endswith(DOCUMENT_SUFFIXES):
        return parse_document(path, data, templates, template_id, year)
    is_html = lower.endswith(HTML_SUFFIXES)
    if is_html:
        from .readers.html_reader import (  # html.parser: only for HTML
            declared_charset,
            html_lines,
        )
    decoded = decode(data, declared_charset(data) if is_html else None)
    if decoded.text is None:
        return Unreadable(path, decoded.problem, decoded.problem_zh)
    source = None
    if is_html:
        pairs = html_lines(decoded.text)
        raw_lines, origins = [t for t, _ in pairs], [o for _, o in pairs]
        source = decoded.text.split("\n")
    else:
        raw_lines = decoded.text.split("\n")
        if raw_lines and raw_lines[-1] == "":
            raw_lines.pop()
        origins = [None] * len(raw_lines)
    norm = normalize_lines(raw_lines)
    new = tuple.__new__  # Line is a tuple: made directly, a report has hundreds
    lines = [new(Line, (i + 1, r, n, o, None)) for i, (r, n, o) in enumerate(zip(raw_lines, norm, origins))]
    return build_report(Document(path, lines, decoded.encoding, source), templates, template_id, year)


def parse_document(path: str, data: bytes, templates: dict[str, Template], template_id: str | None = None,
                   year: int | None = None) -> Report | Unreadable:
    """A .docx, .pdf (or .doc, .wps, .odt through LibreOffice): its reader's lines, each character
    with its `Place`; from there the same steps as text."""
    from .readers.documents import read_document  # the readers and their libraries: only for documents
    try:
        extracted = read_document(path, data)
    except DocumentError as exc:
        return Unreadable(path, exc.reason, exc.reason_zh)
    raw_lines = [text for text, _ in extracted.lines]
    norm = normalize_lines(raw_lines)
    new = tuple.__new__
    lines = [new(Line, (i + 1, r, n, None, places))
             for i, (r, n, (_, places)) in enumerate(zip(raw_lines, norm, extracted.lines))]
    doc = Document(path, lines, extracted.kind)
    doc.notes = extracted.notes
    return build_report(doc, templates, template_id, year)


def build_report(doc: Document, templates: dict[str, Template], template_id: str | None,
                 year: int | None = None) -> Report:
    # the whole text's key, line by line: a line's key is remembered (headers repeat across reports)
    # and dropping punctuation from a text is dropping it from each of its pieces
    keys = "".join([label_key(line.text) for line in doc.lines])
    markers = detect_markers(keys, templates)
    # Headings are the same in every template; find them with the newest one to read the year.
    newest = max(templates)
    parts = outline(doc, templates[newest])
    metadata = read_metadata(doc, parts.headings[0].span.line if parts.headings else 0)
    if year is not None:  # configured for these files: the report's own words are overridden
        metadata.year = year
    # configured, else the report's year, else the tables' headers, else the newest; each part's
    # tables may still follow another template (align tries it where this one fits badly)
    chosen = template_id or expected_template_id(metadata.year, templates) or markers or newest
    template = templates[chosen]
    others = [] if template_id else [templates[t] for t in sorted(templates) if t != chosen]  # configured: that one
    tables = align(doc, [template] + others, parts.sections)
    return Report(doc, template, markers, metadata, parts, parts.sections, tables, templates)
