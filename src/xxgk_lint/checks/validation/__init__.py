"""Validate rule files: read them with positions (`source`), check them against the JSON Schemas
(`schema`) and what a schema cannot say (`semantics`), reporting the rule file's own line and column.

Imported only when a user rule file is given, by `check-rules`, by the rule pack's build and by the
tests; never on the default hot path (jsonschema and ruamel.yaml are heavy).
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ..rule import RuleFileError, documents_in
from .schema import explain, ranked, schemas, validator
from .semantics import check_semantics
from .source import load, plain, position, snippet


def parse_and_validate(path: Path) -> list[dict]:
    root, text = load(path)
    plain(root, str(path))  # size and depth limits before anything looks inside
    lines = text.splitlines()
    docs = documents_in(root, str(path))
    out = []
    for index, doc in enumerate(docs):
        prefix = [] if doc is root else ["rules", index] if isinstance(root, dict) else [index]
        kind = doc.get("kind")
        _, kinds = schemas()
        if kind not in kinds:
            line, col = position(root, prefix + (["kind"] if "kind" in doc else []))
            close = difflib.get_close_matches(str(kind), list(kinds), n=1)
            hint = f" — did you mean `{close[0]}`?" if close else f" (kinds: {', '.join(sorted(kinds))})"
            raise RuleFileError(str(path), f"unknown rule kind `{kind}`{hint}", line, col, snippet(lines, line))
        data = plain(doc, str(path))
        errors = ranked(validator(kind).iter_errors(data), kind, data)
        if errors:
            message, where = explain(errors[0], kind, data)
            line, col = position(root, prefix + where)
            raise RuleFileError(str(path), message, line, col, snippet(lines, line))
        check_semantics(data, path, root, prefix, lines)
        out.append(data)
    return out
