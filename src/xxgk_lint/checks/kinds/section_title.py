"""S003: a part's title is an accepted variant but not the template's wording — or other words,
taken for the part by its number, its place and its key words (`pipeline.sections`, variant `near`)."""
from __future__ import annotations

from ...model import Finding
from ...pipeline.normalize import label_key

PLACEHOLDERS = frozenset({"number", "title", "canonical"})


def check(rule, report):
    near = set(map(id, report.outline.near))
    for sid, section in report.sections.items():
        heading = section.heading
        canonical = report.template.section_title(sid)
        if label_key(heading.title) != label_key(canonical):
            yield Finding(
                heading.span, {"number": sid, "title": heading.title, "canonical": canonical},
                logical=f"part/{sid}", variant="near" if id(heading) in near else "",
            )
