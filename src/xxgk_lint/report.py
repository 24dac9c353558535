"""The pipeline up to the rules: bytes → Report. Each step is its own module."""
from __future__ import annotations

from dataclasses import dataclass

from .align import AlignedTable, align
from .decode import decode
from .metadata import Metadata, read_metadata
from .model import Document, Line, Section
from .normalize import label_key, normalize_lines
from .sections import Outline, outline
from .template import Template, detect_markers, expected_template_id, load_template


@dataclass
class Report:
    doc: Document
    template: Template
    template_source: str  # option | markers | year | default
    markers_template: str | None  # the template the table headers look like
    metadata: Metadata
    outline: Outline
    sections: dict[str, Section]
    tables: dict[str, AlignedTable]


@dataclass
class Unreadable:
    path: str
    reason: str
    reason_zh: str


def parse(path: str, data: bytes, template_id: str | None = None) -> Report | Unreadable:
    decoded = decode(data)
    if decoded.text is None:
        return Unreadable(path, decoded.problem, decoded.problem_zh)
    raw_lines = decoded.text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    norm = normalize_lines(raw_lines)
    doc = Document(path, [Line(i + 1, r, n) for i, (r, n) in enumerate(zip(raw_lines, norm))], decoded.encoding)
    return build_report(doc, template_id)


def build_report(doc: Document, template_id: str | None) -> Report:
    keys = label_key("".join(line.text for line in doc.lines))
    markers = detect_markers(keys)
    # Headings are the same in both templates; find them with the 2021 one to read the year.
    parts = outline(doc, load_template("2021"))
    metadata = read_metadata(doc, parts.headings[0].span.line if parts.headings else 0)
    if template_id:
        chosen, source = template_id, "option"
    elif markers:
        chosen, source = markers, "markers"
    elif metadata.year is not None:
        chosen, source = expected_template_id(metadata.year), "year"
    else:
        chosen, source = "2021", "default"
    template = load_template(chosen)
    tables = align(doc, template, parts.sections)
    return Report(doc, template, source, markers, metadata, parts, parts.sections, tables)
