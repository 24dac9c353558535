"""F001: a part must contain a statement matching one of the rule's patterns (e.g. the fee)."""
from __future__ import annotations

import re

from ..model import Finding
from ..normalize import label_key


def applies(options: dict, year: int | None, template_id: str) -> bool:
    since = options.get("from_year")
    if since is None:
        return True
    return (year if year is not None else int(template_id)) >= int(since)


def check(rule, report):
    options = rule.options
    if not applies(options, report.metadata.year, report.template.id):
        return
    section = report.sections.get(options["section"])
    if section is None:
        return  # S001 reports the missing part
    body = "".join(label_key(line.text) for line in report.doc.text_between(section.start_line, section.end_line))
    if any(re.search(p, body) for p in options["patterns"]):
        return
    yield Finding(section.heading.span, {"section": options["section"],
                                          "title": report.template.section_title(options["section"])},
                  logical=f"part/{options['section']}")
