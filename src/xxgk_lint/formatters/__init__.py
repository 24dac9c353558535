"""One module per output format; each exposes `render(diagnostics, context) -> str`."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

FORMATS = ("concise", "full", "text", "json", "json-lines", "sarif", "github", "junit")
_MODULES = {"text": "concise", "json-lines": "json_lines", "json": "json_array"}


@dataclass
class Notification:
    """Something about the run rather than a report: an unreadable file, a bad rule file, a bug."""

    path: str
    message: str
    level: str = "error"  # error | warning | note
    line: int = 1
    column: int = 1


@dataclass
class RunContext:
    rules: list = field(default_factory=list)  # the enabled rules (xxgk_lint.rule.Rule)
    lang: str = "zh"
    cwd: Path = field(default_factory=Path.cwd)
    files: list[str] = field(default_factory=list)  # every file linted, in order
    notifications: list[Notification] = field(default_factory=list)
    version: str = ""
    color: bool = False
    statistics: bool = False

    @property
    def successful(self) -> bool:
        return not any(n.level == "error" for n in self.notifications)


def get(name: str):
    return import_module(f".{_MODULES.get(name, name)}", __name__)
