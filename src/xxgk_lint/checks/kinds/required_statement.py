"""F001: a part must contain a statement matching one of the rule's patterns (e.g. the fee)."""
from __future__ import annotations

import re

from ...model import Finding, Span
from ...pipeline.normalize import label_key


def applies(options: dict, year: int | None, template_id: str) -> bool:
    since = options.get("from_year")
    if since is None:
        return True
    return (year if year is not None else int(template_id)) >= int(since)


def _found(patterns: list[str], lines) -> bool:
    body = "".join(label_key(line.text) for line in lines)
    return any(re.search(p, body) for p in patterns)


TABLE_PARTS = ("二", "三", "四")


def _elsewhere(patterns: list[str], report, section):
    """The first prose line outside the part that makes the statement (table parts are not
    prose: 表三 has 逾期未按收费通知要求缴纳费用)."""
    skip = [(s.heading.span.line, s.end_line) for sid, s in report.sections.items()
            if sid in TABLE_PARTS or s is section]
    for line in report.doc.lines:
        if any(a <= line.number <= b for a, b in skip):
            continue
        if _found(patterns, [line]):
            return line
    return None


def check(rule, report):
    """mode `missing` (F001): the part lacks the statement and nothing else makes it;
    mode `misplaced` (F002): the part lacks it but it is made elsewhere."""
    options = rule.options
    if not applies(options, report.metadata.year, report.template.id):
        return
    section = report.sections.get(options["section"])
    if section is None:
        return  # S001 reports the missing part
    patterns = options["patterns"]
    if _found(patterns, report.doc.text_between(section.start_line, section.end_line)):
        return
    other = _elsewhere(patterns, report, section)
    params = {"section": options["section"], "title": report.template.section_title(options["section"])}
    if options.get("mode", "missing") == "missing" and other is None:
        yield Finding(section.heading.span, params, logical=f"part/{options['section']}")
    elif options.get("mode") == "misplaced" and other is not None:
        stripped = other.text.strip()
        col = other.text.index(stripped) + 1
        yield Finding(Span(other.number, col, other.number, col + len(stripped)),
                      {**params, "line": other.number}, logical=f"part/{options['section']}/elsewhere")
