"""The bundled rules plus user rule files (validated: they are untrusted input)."""
from __future__ import annotations

import os
from functools import lru_cache

from .pack import bundled, bundled_templates
from .rule import Rule, rule_from_dict
from .rulefile import RuleFileError, rule_files


class RuleSetError(Exception):
    def __init__(self, errors: list[RuleFileError]):
        super().__init__("invalid rule files")
        self.errors = errors

    def lines(self) -> list[str]:
        return [e.render() for e in self.errors]


@lru_cache(maxsize=1)
def _bundled_rules() -> tuple[Rule, ...]:
    documents, templates = bundled()
    return tuple(rule_from_dict(doc, source, templates, trusted=True) for doc, source in documents)


def load_bundled_rules() -> list[Rule]:
    return [r.replace() for r in _bundled_rules()]  # callers may replace a rule's options


def load_rules(extra: list[str]) -> list[Rule]:
    rules = {r.code: r for r in load_bundled_rules()}
    errors: list[RuleFileError] = []
    for raw in extra:
        files = rule_files(raw)
        if files is None:
            errors.append(RuleFileError(raw, "no such rule file or folder"))
            continue
        for file in files:
            try:
                for rule in load_user_rule_file(file):
                    rules[rule.code] = rule
            except RuleFileError as exc:
                errors.append(exc)
    if errors:
        raise RuleSetError(errors)
    try:
        resolve_references(rules)
    except RuleFileError as exc:
        raise RuleSetError([exc]) from None
    return sorted(rules.values(), key=lambda r: r.code)


def resolve_references(rules: dict[str, Rule]) -> None:
    """`patterns_from: F001` shares another rule's patterns (so an override of F001 applies to both)."""
    for rule in rules.values():
        source = rule.options.get("patterns_from")
        if not source:
            continue
        if source not in rules or "patterns" not in rules[source].options:
            raise RuleFileError(rule.source, f"`patterns_from: {source}` names no rule with `patterns`",
                                *_line_of(rule.source, "patterns_from"))
        rule.options = {**rule.options, "patterns": rules[source].options["patterns"]}
        rule.prepared = rule.prepared.replace(patterns=rules[source].prepared.patterns)  # compiled once, shared


def _line_of(path: str, key: str) -> tuple[int, int, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1, ""
    for number, text in enumerate(lines, 1):
        if text.lstrip().startswith(f"{key}:"):
            return number, len(text) - len(text.lstrip()) + 1, text.strip()
    return 1, 1, ""


def validate_file(path: os.PathLike) -> list[dict]:
    """The validated rule documents of a user's rule file, checked against the bundled templates."""
    from .validation import (
        parse_and_validate,  # jsonschema and ruamel.yaml: only for user rule files
    )

    return parse_and_validate(path, bundled_templates())


def load_user_rule_file(path: os.PathLike) -> list[Rule]:
    return [rule_from_dict(doc, str(path)) for doc in validate_file(path)]
