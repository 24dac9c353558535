"""The diagnostic: what a rule found, where, and how to say it."""
from __future__ import annotations

from .model import Finding
from .record import Record
from .rule import Rule


class Diagnostic(Record):
    __slots__ = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message",
                 "related", "logical", "source", "suppression")

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str, name: str,
                 severity: str, message: str, related: list[dict] | None = None, logical: str = "",
                 source: str = "", suppression: dict | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.related = [] if related is None else related
        self.logical = logical  # table/row/column or part: where the finding is, surviving line shifts
        self.source = source  # the file's line at `line`, for context and line-hash fingerprints
        # {"kind": "external"|"inSource", "justification": str} if suppressed
        self.suppression = suppression

    def sort_key(self) -> tuple:
        # stable sort: findings at one place keep the rule's order (T002 rows in template order)
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict:
        out = {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "code": self.code, "name": self.name, "severity": self.severity,
            "message": self.message, "related": self.related,
        }
        if self.suppression is not None:  # only with --include-suppressed
            out["suppression"] = self.suppression
        return out


class _Params(dict):
    """format_map source: per-language values are (zh, en) pairs; unknown names stay visible."""

    def __init__(self, params: dict, lang: str):
        super().__init__()
        for key, value in params.items():
            if isinstance(value, tuple):
                value = value[1] if lang == "en" else value[0]
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, params: dict, lang: str) -> str:
    return template.format_map(_Params(params, lang))


def make_diagnostic(rule: Rule, finding: Finding, path: str, lang: str, locate=None) -> Diagnostic:
    """`locate` maps spans of the text as read to the file (HTML); identity when None."""
    span = locate.locate_span(finding.span) if locate else finding.span
    related = []
    for r in finding.related:
        line, column = locate.locate(r.line, r.column) if locate else (r.line, r.column)
        related.append({"line": line, "column": column,
                        "message": r.message_en if lang == "en" and r.message_en else r.message})
    return Diagnostic(
        path, span.line, span.column, span.end_line, span.end_column, rule.code, rule.name,
        rule.severity, render(rule.template_text(lang, finding.variant), finding.params, lang),
        related, finding.logical, locate.source_line(span.line) if locate else "",
    )
