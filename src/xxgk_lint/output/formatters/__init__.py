"""One module per output format; each exposes `render(diagnostics, context) -> str`."""
from __future__ import annotations

import os
from importlib import import_module

from ...speed import Record

FORMATS = ("concise", "full", "text", "json", "json-lines", "sarif", "github", "junit")
_MODULES = {"text": "concise", "json-lines": "json_lines", "json": "json_array"}


class Notification(Record):
    """Something about the run rather than a report: an unreadable file, a bad rule file, a bug."""

    __slots__ = ("path", "message", "level", "line", "column")

    def __init__(self, path: str, message: str, level: str = "error", line: int = 1, column: int = 1) -> None:
        self.path = path
        self.message = message
        self.level = level  # error | warning | note
        self.line = line
        self.column = column


class RunContext(Record):
    __slots__ = ("rules", "lang", "cwd", "files", "notifications", "version", "color", "statistics")

    def __init__(self, rules: list | None = None, lang: str = "zh", cwd: str | os.PathLike | None = None,
                 files: list[str] | None = None, notifications: list[Notification] | None = None,
                 version: str = "", color: bool = False, statistics: bool = False) -> None:
        self.rules = [] if rules is None else rules  # the enabled rules (checks.rule.Rule)
        self.lang = lang
        self.cwd = os.getcwd() if cwd is None else cwd  # formatters take it as Path(context.cwd)
        self.files = [] if files is None else files  # every file linted, in order
        self.notifications = [] if notifications is None else notifications
        self.version = version
        self.color = color
        self.statistics = statistics

    @property
    def successful(self) -> bool:
        return not any(n.level == "error" for n in self.notifications)


def get(name: str):
    return import_module(f".{_MODULES.get(name, name)}", __name__)
