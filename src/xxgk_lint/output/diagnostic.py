"""The diagnostic: what a rule found, where, and how to say it."""
from __future__ import annotations

from ..speed import Record


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
