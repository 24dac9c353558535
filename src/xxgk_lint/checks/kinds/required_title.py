"""S004: a title line naming the agency, the year and 政府信息公开工作年度报告."""
from __future__ import annotations

import re

from ...model import Finding, Span
from ...pipeline.normalize import label_key
from ._common import Context, Pattern, pattern

PLACEHOLDERS = frozenset({"missing"})


def prepare(options: dict, context: Context) -> Pattern:
    return pattern(options["phrase"], ["phrase"], context)


def check(rule, report):
    meta = report.metadata
    phrase = rule.prepared.compiled
    key = label_key(meta.title_text)
    missing = []
    if not key or not phrase.search(key):
        missing.append(("「政府信息公开工作年度报告」", "'政府信息公开工作年度报告'"))
    if meta.title_year is None:
        missing.append(("年度", "the year"))
    agency = phrase.sub("", re.sub(r"20\d\d年度?|正文", "", key))
    # a count, not a regex: a class of 21,000 code points would be compiled on every run
    if sum("\u4e00" <= ch <= "\u9fff" for ch in agency) < 2:
        missing.append(("机关名称", "the agency"))
    if not missing:
        return
    span = meta.title_span or Span.at(1, 1)
    variant = "absent" if not key else "incomplete"
    yield Finding(span, {"missing": ("、".join(m[0] for m in missing), ", ".join(m[1] for m in missing))},
                  logical="title", variant=variant)
