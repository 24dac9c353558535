"""A rule as loaded from YAML: presentation (code, name, severity, messages, docs) + kind options,
prepared by its kind when the rule loads."""
from __future__ import annotations

import os

from ..pipeline.template import Template
from ..speed import Record
from .kinds import Context, OptionError, prepare
from .pack import bundled_templates


COMMON_KEYS = {"code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "enabled"}


class Rule(Record):
    __slots__ = ("code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "options",
                 "source", "prepared")

    def __init__(self, code: str, name: str, kind: str, severity: str, message: str | dict[str, str],
                 message_en: str | dict[str, str], docs: dict | None = None, examples: dict | None = None,
                 options: dict | None = None, source: str = "", prepared: object = None) -> None:
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
        self.prepared = prepared  # what the kind's `prepare` made of the options; its `check` reads this

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


def options_of(raw: dict) -> dict:
    """A rule document's kind options: what is not common to every rule."""
    return {k: v for k, v in raw.items() if k not in COMMON_KEYS}


def rule_from_dict(raw: dict, source: str, templates: dict[str, Template] | None = None,
                   trusted: bool = False) -> Rule:
    """The rule of a validated document, its options prepared with `templates` (the bundled ones
    unless given); `trusted`: a bundled rule, checked when the rule pack was built."""
    options = options_of(raw)
    context = Context(bundled_templates() if templates is None else templates, trusted)
    try:
        prepared = prepare(raw["kind"], options, context)
    except OptionError as exc:  # validation reports it located; a document that skipped it gets here
        raise RuleFileError(source, exc.message) from None
    return Rule(
        code=raw["code"], name=raw["name"], kind=raw["kind"], severity=raw["severity"],
        message=raw["message"], message_en=raw["message_en"], docs=raw.get("docs", {}),
        examples=raw.get("examples", {}), options=options, source=source, prepared=prepared,
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
