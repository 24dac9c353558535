"""S003: a part's title is an accepted variant but not the template's wording — or other words,
taken for the part by its number, its place and its key words (`pipeline.sections`, variant `near`)."""
from __future__ import annotations

from ...model import Edit, Finding, Span
from ...pipeline.normalize import label_key

PLACEHOLDERS = frozenset({"number", "title", "canonical"})


def check(rule, report):
    near = set(map(id, report.outline.near))
    for sid, section in report.sections.items():
        heading = section.heading
        canonical = report.template.section_title(sid)
        if label_key(heading.title) != label_key(canonical):
            variant = "near" if id(heading) in near else ""
            yield Finding(
                heading.span, {"number": sid, "title": heading.title, "canonical": canonical},
                logical=f"part/{sid}", variant=variant,
                fix=None if variant else _retitled(report, heading, canonical),
            )


# what may stand between a part's numeral and its title
_SEPARATORS = "、.．,，:： \t"


def _retitled(report, heading, canonical: str):
    """The title words replaced by the template's, the numeral kept — only where the heading's span
    is its title and nothing more (「五、存在问题及改进情况：无」 is not rewritten): an accepted
    variant is the part for certain, so the wording is the only change. A title recognised by its
    number and place alone (`near`) is a person's to rename."""
    span = heading.span
    if span.line != span.end_line:
        return None
    raw = report.doc.line(span.line).raw
    start = heading.number_span.end_column if heading.number else span.column
    while start < span.end_column and raw[start - 1] in _SEPARATORS:
        start += 1
    if label_key(raw[start - 1:span.end_column - 1]) != label_key(heading.title):
        return None
    return [Edit(Span(span.line, start, span.line, span.end_column), canonical)]
