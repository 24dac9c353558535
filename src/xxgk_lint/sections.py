"""Find the six parts by their numbered headings."""
from __future__ import annotations

import re

from .model import Document, Heading, Section, Span
from .normalize import label_key
from .template import Template

_NUMBERED = re.compile(r"^(?P<lead>[#*\s]*)(?P<num>[一二三四五六七八九十]{1,2})\s*[、.,，]\s*(?P<title>\S.*?)[\s*#。:]*$")
_PLAIN = re.compile(r"^(?P<lead>[#*\s]*)(?P<title>\S.*?)[\s*#。:]*$")
_MAX_TITLE = 40


def _match_section(template: Template, title: str) -> str | None:
    key = label_key(title)
    return next((s.id for s in template.sections if s.pattern.search(key)), None)


def _heading(template: Template, line_no: int, text: str) -> Heading | None:
    if "|" in text or "\t" in text.strip() or len(text.strip()) > _MAX_TITLE + 4:
        return None
    indent = len(text) - len(text.lstrip())
    body = text.strip()
    numbered = _NUMBERED.match(body)
    match = numbered or _PLAIN.match(body)
    if not match:
        return None
    title = match.group("title")
    section_id = _match_section(template, title)
    if section_id is None:
        return None
    start = indent + len(match.group("lead")) + 1
    end = indent + match.end("title") + 1
    if numbered:
        number, number_end = numbered.group("num"), indent + numbered.end("num") + 1
    else:
        number, number_end = None, start
    return Heading(
        section_id, number, title, Span(line_no, start, line_no, end), Span(line_no, start, line_no, number_end)
    )


def find_headings(doc: Document, template: Template) -> list[Heading]:
    return [h for line in doc.lines if (h := _heading(template, line.number, line.text))]


def build_sections(doc: Document, headings: list[Heading]) -> dict[str, Section]:
    """The first heading of each part opens it; the part runs to the next heading of any part."""
    sections: dict[str, Section] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].span.line - 1 if i + 1 < len(headings) else len(doc.lines)
        sections.setdefault(heading.section_id, Section(heading, heading.span.line + 1, end))
    return sections
