"""A rule as loaded from YAML: presentation (code, name, severity, messages, docs) + kind options."""
from __future__ import annotations

import os

from ..speed import Record


COMMON_KEYS = {"code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "enabled"}


class Rule(Record):
    __slots__ = ("code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "options",
                 "source")

    def __init__(self, code: str, name: str, kind: str, severity: str, message: str | dict[str, str],
                 message_en: str | dict[str, str], docs: dict | None = None, examples: dict | None = None,
                 options: dict | None = None, source: str = "") -> None:
        self.code = code
        self.name = name
        self.kind = kind
        self.severity = severity
        self.message = message
        self.message_en = message_en
        self.docs = {} if docs is None else docs
        self.examples = {} if examples is None else examples
        self.options = {} if options is None else options
        self.source = source

    def template_text(self, lang: str, variant: str = "") -> str:
        text = self.message_en if lang == "en" else self.message
        if isinstance(text, dict):
            return text.get(variant) or next(iter(text.values()))
        return text


def names_rule(pattern: str, code: str, name: str) -> bool:
    """A selector matches a rule by code, code prefix (`C`, `N00`), name, or `ALL`."""
    return pattern in ("ALL", "*") or code.startswith(pattern) or name == pattern


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


def rule_from_dict(raw: dict, source: str) -> Rule:
    return Rule(
        code=raw["code"], name=raw["name"], kind=raw["kind"], severity=raw["severity"],
        message=raw["message"], message_en=raw["message_en"], docs=raw.get("docs", {}),
        examples=raw.get("examples", {}),
        options={k: v for k, v in raw.items() if k not in COMMON_KEYS}, source=source,
    )


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
