"""S005: a part that says nothing — written as 「无」, or with fewer than `min_chars` characters of text
(tables aside: their lines are not the part's prose; the heading's own line counts from after the
title, so 「五、存在的主要问题及改进情况：无」 is the part saying 无)."""
from __future__ import annotations

from ...model import Finding
from ._common import Context, check_parts

PLACEHOLDERS = frozenset({"part", "title", "text", "chars", "min"})


def prepare(options: dict, context: Context) -> tuple[tuple[str, ...], int]:
    """(the parts, the fewest characters of text a part must have)."""
    check_parts(options["parts"], ["parts"], context)
    return tuple(options["parts"]), int(options.get("min_chars", 15))


def _counted(text: str) -> int:
    """Characters that say something: Chinese characters, letters and digits (no punctuation or spaces)."""
    return sum(ch.isalnum() for ch in text)


def check(rule, report):
    parts, least = rule.prepared
    in_tables = set().union(*(table.lines() for table in report.tables.values() if table.found))
    for part in parts:
        section = report.sections.get(part)
        if section is None:
            continue  # a missing part is S001's
        heading = section.heading
        after_title = report.doc.line(heading.span.end_line).text[heading.span.end_column - 1:]
        lines = [after_title] + [line.text for line in report.doc.text_between(section.start_line, section.end_line)
                                 if line.number not in in_tables]
        text = " ".join(t.strip(" :：") for t in lines if t.strip(" :：")).strip()
        chars = _counted(text)
        if chars >= least:
            continue
        shown = text if len(text) <= 20 else text[:19] + "…"
        yield Finding(heading.span, {"part": part, "title": heading.title, "text": shown, "chars": chars, "min": least},
                      logical=f"part/{part}", variant="" if chars else "empty")
