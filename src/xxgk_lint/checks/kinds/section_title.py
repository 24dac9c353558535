"""S003: a part's title is an accepted variant but not the template's wording."""
from __future__ import annotations

from ...model import Finding
from ...pipeline.normalize import label_key

PLACEHOLDERS = frozenset({"number", "title", "canonical"})


def check(rule, report):
    for sid, section in report.sections.items():
        heading = section.heading
        canonical = report.template.section_title(sid)
        if label_key(heading.title) != label_key(canonical):
            yield Finding(
                heading.span, {"number": sid, "title": heading.title, "canonical": canonical},
                logical=f"part/{sid}",
            )
