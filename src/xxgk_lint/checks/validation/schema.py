"""Rule documents against the JSON Schemas in schemas/ (the common part and one per kind), with a
one-sentence explanation of the error that matters."""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ...resources import data_dir


@lru_cache(maxsize=1)
def schemas() -> tuple[dict, dict]:
    base = data_dir("schemas")
    common = json.loads((base / "rule.schema.json").read_text("utf-8"))
    kinds = {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text("utf-8"))
        for p in sorted((base / "kinds").glob("*.schema.json"))
    }
    return common, kinds


@lru_cache(maxsize=None)
def validator(kind: str):
    common, kinds = schemas()
    registry = Registry().with_resource(common["$id"], Resource.from_contents(common))
    return Draft202012Validator(kinds[kind], registry=registry)


def _allowed_keys(kind: str) -> list[str]:
    common, kinds = schemas()
    return sorted(set(common["properties"]) | set(kinds[kind].get("properties", {})))


def explain(error, kind: str, doc: dict) -> tuple[str, list]:
    """A one-sentence message and the path of the offending node."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        # "is not valid under any of the given schemas" says little: name the deepest reason
        error = max(error.context, key=lambda e: len(e.absolute_path))
    path = list(error.absolute_path)
    if error.validator == "unevaluatedProperties":
        allowed = _allowed_keys(kind)
        unknown = [k for k in (doc if not path else {}) if k not in allowed] or []
        for key in unknown:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" — did you mean `{close[0]}`?" if close else f" (allowed: {', '.join(allowed)})"
            return f"unknown key `{key}`{hint}", path + [key]
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"missing required key `{missing[0] if missing else error.message}`", path
    where = "/".join(str(p) for p in path) or "rule"
    return f"`{where}`: {error.message}", path


def ranked(errors, kind: str, doc: dict) -> list:
    """An unknown key explains most other errors (a misspelt required key), so it comes first; an
    `unevaluatedProperties` error with no unknown key is only the echo of a failed sub-schema
    (`severity: fatal` leaves `severity` unevaluated) and is dropped for the real one."""
    allowed = set(_allowed_keys(kind))
    unknown = any(k not in allowed for k in doc)
    kept = [e for e in errors if e.validator != "unevaluatedProperties" or (unknown and not e.absolute_path)]
    return sorted(kept, key=lambda e: (e.validator != "unevaluatedProperties", len(e.absolute_path) == 0,
                                       list(map(str, e.absolute_path))))
