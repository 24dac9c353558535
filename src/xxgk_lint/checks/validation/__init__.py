"""Validate rule files: read them with positions (`source`), check them against the JSON Schemas
(`schema`) and what a schema cannot say (`semantics`: the messages, and each kind's own checks of
its options, made by its `prepare`), reporting the rule file's own line and column.

Imported only when a user rule file is given, by `check-rules`, by the rule pack's build and by the
tests; never on the default hot path (jsonschema and ruamel.yaml are heavy).
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ...pipeline.template import Template
from .. import builtin
from ..kinds import KINDS, Context
from ..rulefile import RuleFileError, documents_in
from .schema import explain, ranked, schemas, validator
from .semantics import check_semantics
from .source import load, plain, position, snippet


def known_kinds() -> list[str]:
    """The kinds a rule may name: those with a module in checks/kinds/ (or built in) and a schema."""
    return sorted(kind for kind in schemas()[1] if kind in KINDS or kind in builtin.KINDS)


def parse_and_validate(path: Path, templates: dict[str, Template]) -> list[dict]:
    """The rule documents of a rule file, each checked as a user's rule is, the names in it against
    `templates`."""
    context = Context(templates, trusted=False)
    root, text = load(path)
    plain(root, str(path))  # size and depth limits before anything looks inside
    lines = text.splitlines()
    docs = documents_in(root, str(path))
    out = []
    for index, doc in enumerate(docs):
        prefix = [] if doc is root else ["rules", index] if isinstance(root, dict) else [index]
        kind = doc.get("kind")
        kinds = known_kinds()
        if kind not in kinds:
            line, col = position(root, prefix + (["kind"] if "kind" in doc else []))
            close = difflib.get_close_matches(str(kind), kinds, n=1)
            hint = f" — did you mean `{close[0]}`?" if close else f" (kinds: {', '.join(kinds)})"
            raise RuleFileError(str(path), f"unknown rule kind `{kind}`{hint}", line, col, snippet(lines, line))
        data = plain(doc, str(path))
        errors = ranked(validator(kind).iter_errors(data), kind, data)
        if errors:
            message, where = explain(errors[0], kind, data)
            line, col = position(root, prefix + where)
            raise RuleFileError(str(path), message, line, col, snippet(lines, line))
        check_semantics(data, path, root, prefix, lines, context)
        out.append(data)
    return out
