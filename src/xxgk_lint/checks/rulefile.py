"""Rule files: where they are, the documents they hold, a rule document's kind options, and the
error that locates what is wrong in one (also a configuration file's)."""
from __future__ import annotations

import os

COMMON_KEYS = {"code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "enabled", "fix"}


class FileError(Exception):
    """A rule or configuration file that cannot be used, located in that file."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1, snippet: str = ""):
        super().__init__(message)
        self.path, self.message, self.line, self.column, self.snippet = path, message, line, column, snippet

    def render(self) -> str:
        """`path:line:col: error: message`, then the offending line."""
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}" + \
            (f"\n    {self.snippet}" if self.snippet else "")


class RuleFileError(FileError):
    """A rule file that cannot be used."""


def options_of(raw: dict) -> dict:
    """A rule document's kind options: what is not common to every rule."""
    return {k: v for k, v in raw.items() if k not in COMMON_KEYS}


def documents_in(raw, path: str) -> list[dict]:
    """A rule file holds one rule (a mapping) or several (`rules: [...]`)."""
    if isinstance(raw, dict) and "rules" in raw and "code" not in raw:
        raw = raw["rules"]
    if isinstance(raw, dict):
        return [raw]
    if isinstance(raw, list) and all(isinstance(r, dict) for r in raw):
        return raw
    raise RuleFileError(path, "a rule file must hold a rule (a mapping) or `rules:` with a list of rules")


def rule_files(raw: str | os.PathLike) -> list | None:
    """The rule files `raw` names (itself, or a folder's *.yaml and *.yml files), or None if there
    is nothing there. As `pathlib.Path`s, which validation reads: pathlib is imported for rule
    files only, never on the hot path."""
    from pathlib import Path

    path = Path(raw)
    if not path.exists():
        return None
    if path.is_dir():
        return sorted(p for p in path.glob("*.y*ml") if p.is_file())
    return [path]
