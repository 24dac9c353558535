"""A rule as loaded from YAML: presentation (code, name, severity, messages, docs) + kind options,
prepared by its kind when the rule loads."""
from __future__ import annotations

from ..pipeline.template import Template
from ..speed import Record
from .kinds import Context, OptionError, prepare
from .pack import bundled_templates
from .rulefile import RuleFileError, options_of


class Rule(Record):
    __slots__ = ("code", "name", "kind", "severity", "message", "message_en", "docs", "examples", "options",
                 "source", "prepared", "fix")

    def __init__(self, code: str, name: str, kind: str, severity: str, message: str | dict[str, str],
                 message_en: str | dict[str, str], docs: dict | None = None, examples: dict | None = None,
                 options: dict | None = None, source: str = "", prepared: object = None, fix: str = "") -> None:
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
        self.fix = fix  # "safe" | "unsafe": the rule mends what it finds where its kind can; "": never

    def template_text(self, lang: str, variant: str = "") -> str:
        text = self.message_en if lang == "en" else self.message
        if isinstance(text, dict):
            return text.get(variant) or next(iter(text.values()))
        return text


def names_rule(pattern: str, code: str, name: str) -> bool:
    """A selector matches a rule by code, code prefix (`C`, `N00`), name, or `ALL`."""
    return pattern in ("ALL", "*") or code.startswith(pattern) or name == pattern


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
        fix=raw.get("fix", ""),
    )
