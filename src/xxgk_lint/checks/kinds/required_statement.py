"""F001: a part must contain a statement matching one of the rule's patterns (e.g. the fee)."""
from __future__ import annotations

import re

from ...model import Edit, Finding, Span
from ...pipeline.normalize import label_key
from ...speed import Record
from ._common import Context, Pattern, pattern

PLACEHOLDERS = frozenset({"section", "title", "line"})


class Statement(Record):
    """The part that must make the statement, the patterns that find it (None until `patterns_from`
    is resolved: `ruleset.resolve_references` puts the other rule's here), the mode and the year
    from which the rule applies."""

    __slots__ = ("section", "patterns", "mode", "from_year", "fix_text")

    def __init__(self, section: str, patterns: list[Pattern] | None, mode: str, from_year: int | None,
                 fix_text: str = "") -> None:
        self.section = section
        self.patterns = patterns
        self.mode = mode
        self.from_year = from_year
        self.fix_text = fix_text  # the sentence a fix adds at the part's end (with a blank to fill in)


def prepare(options: dict, context: Context) -> Statement:
    texts = options.get("patterns")
    patterns = None if texts is None else [pattern(p, ["patterns", i], context) for i, p in enumerate(texts)]
    since = options.get("from_year")
    return Statement(options["section"], patterns, options.get("mode", "missing"),
                     None if since is None else int(since), options.get("fix_text", ""))


def applies(statement: Statement, year: int | None, template_id: str) -> bool:
    if statement.from_year is None:
        return True
    return (year if year is not None else int(template_id)) >= statement.from_year


def _found(patterns: list[Pattern], lines) -> bool:
    body = "".join(label_key(line.text) for line in lines)
    return any(p.compiled.search(body) for p in patterns)


TABLE_PARTS = ("二", "三", "四")


def _elsewhere(patterns: list[Pattern], report, section):
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
    statement = rule.prepared
    if not applies(statement, report.metadata.year, report.template.id):
        return
    section = report.sections.get(statement.section)
    if section is None:
        return  # S001 reports the missing part
    patterns = statement.patterns
    lines = report.doc.text_between(section.start_line, section.end_line)
    # the fix's own sentence with its blank not filled in says nothing yet, whatever stands around it
    blank = bool(statement.fix_text) and label_key(statement.fix_text) in "".join(label_key(l.text) for l in lines)
    if not blank and _found(patterns, lines):
        return
    other = _elsewhere(patterns, report, section)
    params = {"section": statement.section, "title": report.template.section_title(statement.section)}
    if statement.mode == "missing" and other is None:
        yield Finding(section.heading.span, params, logical=f"part/{statement.section}",
                      fix=None if blank else _appended(report, section, statement.fix_text))
    elif statement.mode == "misplaced" and other is not None:
        stripped = other.text.strip()
        col = other.text.index(stripped) + 1
        yield Finding(Span(other.number, col, other.number, col + len(stripped)),
                      {**params, "line": other.number}, logical=f"part/{statement.section}/elsewhere")


# the lines a report may close with, after its last part: the agency's name and the date (each
# alone, or both on one line, in brackets or not), a page number, an attachment, the web page's own
# furniture (扫一扫在手机打开当前页, 打印本页 …)
_DATE = r"(?:[0-9〇零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
_AGENCY = r"(?:[^。；！？，,.;:：]{1,40}(?:委员会|办公室|人民政府|政府|法院|检察院|街道办事处|街道|局|委|办|院|厅|部|中心|所|站|处|队|镇|乡|公司|馆|会))"
# (a pattern, compiled on first use by `re`'s own cache: only a fix needs it, and compiling it costs
# more than a millisecond of every run's start — bench/startup.py)
_CLOSING = (
    rf"[（(]?(?:{_AGENCY}?{_DATE}|{_AGENCY})[）)]?"  # the agency's name and/or the date
    r"|[—－–\-]*第?\d{1,3}页?[—－–\-]*(?:共\d{1,3}页)?"  # a page number: — 7 —, 第7页
    r"|附件[：:].*"  # an attachment
    r"|[^。；！？]{0,12}(?:扫一扫|打印本页|关闭窗口|打印|分享到|收藏|字号)[^。；！？]{0,12}")  # the web page's


def _appended(report, section, sentence: str):
    """The rule's sentence as a new line after the part's last line of text — before the date and
    the agency's name a report may close with."""
    if not sentence:
        return None
    heading = section.heading.span.line
    lines = [line for line in report.doc.text_between(section.start_line, section.end_line) if line.text.strip()]
    while lines and lines[-1].number > heading and _closing(lines[-1].text):
        lines.pop()
    last = lines[-1] if lines else report.doc.line(section.heading.span.line)
    end = len(last.raw) + 1
    return [Edit(Span(last.number, end, last.number, end), "\n" + sentence)]


def _closing(text: str) -> bool:
    key = "".join(text.split())
    return len(key) <= 80 and bool(re.fullmatch(_CLOSING, key))  # a closing line is short
