"""The findings the linter makes itself, not a kind's check of a report: P001 (the input is not
readable text), P007 (a document read only in part), P003 (a suppression that silences nothing) and P004 (xxgk-lint failed on a file);
and what the engine decides itself before any rule runs: whether the file is an annual report at
all (`is_annual_report`; when it is not, only the rules of kind `annual_report`, P005, run).

Their rule files (kinds `readable_input`, `unused_suppression`, `internal_error`) give the code,
severity, messages and docs, as every rule's do; the findings are made here, in one place, and the
engine turns them into diagnostics like any other."""
from __future__ import annotations

import re

from ..model import Finding, Span

READABLE_INPUT, UNUSED_SUPPRESSION, INTERNAL_ERROR = "readable_input", "unused_suppression", "internal_error"
PARTIAL_INPUT = "partial_input"
# each built-in kind and the parameters its findings give its messages
PLACEHOLDERS: dict[str, frozenset[str]] = {
    READABLE_INPUT: frozenset({"reason"}),
    UNUSED_SUPPRESSION: frozenset({"code", "where", "verb"}),
    INTERNAL_ERROR: frozenset({"error"}),
    PARTIAL_INPUT: frozenset({"reason"}),
}
KINDS = tuple(PLACEHOLDERS)
# a bug in xxgk-lint cannot be written as a report, nor a document too big to read whole (tests
# plant those): their rules have no bad example
WITHOUT_BAD_EXAMPLE = (INTERNAL_ERROR, PARTIAL_INPUT)


# the kind whose rules (P005) say a file is no annual report: the only rules run on such a file
ANNUAL_REPORT = "annual_report"
# kinds that report something missing: in a document read only in part (P007) what seems missing may
# be in what was not read, so they do not run there — a table that is there is never reported missing
ABSENCE_KINDS = frozenset({"required_section", "required_table", "required_rows", "required_columns",
                           "required_statement", "required_title"})


def is_annual_report(report) -> bool:
    """Does the parsed report look like an annual report at all? One of: a part heading, a row of
    a table aligned to the template, a title naming 政府信息公开…年度报告. A README or a notice with
    a small table has none of these (words of the template in prose, 第二十条第（五）项 or
    本年制发件数, are not enough: a text about the format names them); a fragment of a report, a
    part or a few rows of 表三, has one."""
    return bool(report.sections or _report_title(report.metadata.title_text)
                or any(table.rows for table in report.tables.values()))


# A report's title ends in its name (…年度报告, …年报, perhaps with a bracket: （全文）); a notice
# about the reports (关于做好……年度报告编制工作的通知) or a tool's README names them but ends otherwise.
_TITLE_END = re.compile(r"(?:年度报告|年报)\s*(?:[（(【\[][^）)】\]]{0,10}[）)】\]])?\s*$")


def _report_title(title: str) -> bool:
    return bool(title) and bool(_TITLE_END.search(title))


def unreadable(reason: str, reason_zh: str) -> Finding:
    return Finding(Span.at(1, 1), {"reason": (reason_zh, reason)}, logical="file")


def partial(reason: str, reason_zh: str) -> Finding:
    return Finding(Span.at(1, 1), {"reason": (reason_zh, reason)}, logical="file/partial")


def internal_error(error: str) -> Finding:
    return Finding(Span.at(1, 1), {"error": error}, logical="file")


def unused_inline(item) -> Finding:
    """An inline comment (`suppressions.Inline`) that silenced nothing; without a reason, or with a
    verb xxgk-lint does not know, it never could."""
    variant = "unknown-verb" if not item.known else "" if item.reason else "no-reason"
    return Finding(Span.at(item.line, item.column, 4),
                   {"code": ",".join(item.codes) or "*",
                    "where": (f"第 {item.line} 行的注释", f"comment on line {item.line}"), "verb": item.verb},
                   logical=f"suppression/{','.join(item.codes)}", variant=variant)


def unused_configured(item) -> Finding:
    """A configured suppression (`suppressions.Suppression`) that silenced nothing, at its entry."""
    return Finding(Span.at(item.line, 1, 2),
                   {"code": item.code, "where": (f"files = {item.files}", f"files = {item.files}")},
                   logical=f"suppress/{item.files}/{item.code}/{item.location}")


def rule_of(rules: list, kind: str):
    """The enabled rule of a built-in kind, or None when it is not selected."""
    return next((r for r in rules if r.kind == kind), None)
