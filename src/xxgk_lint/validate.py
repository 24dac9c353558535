"""Validate rule files against the JSON Schemas, reporting the rule file's own line and column.

Rule files are untrusted input: parsed by ruamel.yaml's safe round-trip loader (positions, no
arbitrary objects), size- and depth-limited, and checked against schemas/. Imported only when a
user rule file is given, by `check-rules`, and by the tests; never on the default hot path.
"""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

from .resources import data_dir
from .rule import RuleFileError, documents_in

MAX_BYTES = 1_000_000
MAX_DEPTH = 20


@lru_cache(maxsize=1)
def _schemas() -> tuple[dict, dict]:
    base = data_dir("schemas")
    common = json.loads((base / "rule.schema.json").read_text("utf-8"))
    kinds = {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text("utf-8"))
        for p in sorted((base / "kinds").glob("*.schema.json"))
    }
    return common, kinds


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    common, kinds = _schemas()
    registry = Registry().with_resource(common["$id"], Resource.from_contents(common))
    return Draft202012Validator(kinds[kind], registry=registry)


def _load(path: Path):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise RuleFileError(str(path), f"rule file is larger than {MAX_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(str(path), "rule file is not UTF-8 text") from None
    if re.search(r"!!python/|!<tag:yaml\.org,2002:python/", text):
        line = text[: re.search(r"!!python/|!<tag:yaml\.org,2002:python/", text).start()].count("\n") + 1
        raise RuleFileError(str(path), "python object tags are not allowed in rule files (YAML is loaded safely)",
                            line, 1, text.splitlines()[line - 1].strip())
    yaml = YAML(typ="rt", pure=True)
    try:
        return yaml.load(text), text
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        raise RuleFileError(str(path), f"invalid YAML: {exc.problem or exc}", line, col, snippet) from None
    except YAMLError as exc:
        raise RuleFileError(str(path), f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleFileError(str(path), "rule file is nested too deeply") from None


def _position(root, path: list) -> tuple[int, int]:
    """Line and column (1-based) of the node at `path` in a ruamel round-trip tree."""
    node, pos = root, (0, 0)
    for key in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                pos = lc.key(key) if isinstance(node, dict) else lc.item(key)
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return pos[0] + 1, pos[1] + 1


MAX_NODES = 100_000


def _plain(node, path: str, budget: list[int] | None = None, depth: int = 0):
    """Plain dicts and lists, refusing deep nesting and alias bombs (a node budget)."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise RuleFileError(path, f"rule file expands to more than {MAX_NODES} YAML nodes (aliases?)")
    if depth > MAX_DEPTH:
        raise RuleFileError(path, f"rule file is nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, dict):
        return {str(k): _plain(v, path, budget, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v, path, budget, depth + 1) for v in node]
    return node


def _allowed_keys(kind: str) -> list[str]:
    common, kinds = _schemas()
    return sorted(set(common["properties"]) | set(kinds[kind].get("properties", {})))


def _explain(error, kind: str, doc: dict) -> tuple[str, list]:
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


def parse_and_validate(path: Path) -> list[dict]:
    root, text = _load(path)
    _plain(root, str(path))  # size and depth limits before anything looks inside
    lines = text.splitlines()
    docs = documents_in(root, str(path))
    out = []
    for index, doc in enumerate(docs):
        prefix = [] if doc is root else ["rules", index] if isinstance(root, dict) else [index]
        kind = doc.get("kind")
        _, kinds = _schemas()
        if kind not in kinds:
            line, col = _position(root, prefix + (["kind"] if "kind" in doc else []))
            close = difflib.get_close_matches(str(kind), list(kinds), n=1)
            hint = f" — did you mean `{close[0]}`?" if close else f" (kinds: {', '.join(sorted(kinds))})"
            raise RuleFileError(str(path), f"unknown rule kind `{kind}`{hint}", line, col, _snippet(lines, line))
        plain = _plain(doc, str(path))
        errors = _ranked(_validator(kind).iter_errors(plain), kind, plain)
        if errors:
            message, where = _explain(errors[0], kind, plain)
            line, col = _position(root, prefix + where)
            raise RuleFileError(str(path), message, line, col, _snippet(lines, line))
        _check_semantics(plain, path, root, prefix, lines)
        out.append(plain)
    return out


def _ranked(errors, kind: str, doc: dict) -> list:
    """An unknown key explains most other errors (a misspelt required key), so it comes first; an
    `unevaluatedProperties` error with no unknown key is only the echo of a failed sub-schema
    (`severity: fatal` leaves `severity` unevaluated) and is dropped for the real one."""
    allowed = set(_allowed_keys(kind))
    unknown = any(k not in allowed for k in doc)
    kept = [e for e in errors if e.validator != "unevaluatedProperties" or (unknown and not e.absolute_path)]
    return sorted(kept, key=lambda e: (e.validator != "unevaluatedProperties", len(e.absolute_path) == 0,
                                       list(map(str, e.absolute_path))))


def _snippet(lines: list[str], line: int) -> str:
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _check_semantics(rule: dict, path: Path, root, prefix: list, lines: list[str]) -> None:
    """What a schema cannot say: patterns compile, relations parse."""
    from .kinds.sum_equals import parse_relation

    def fail(message: str, where: list) -> None:
        line, col = _position(root, prefix + where)
        raise RuleFileError(str(path), message, line, col, _snippet(lines, line))

    patterns = [(p, ["patterns", i]) for i, p in enumerate(rule.get("patterns", []))]
    patterns += [(f["pattern"], ["figures", i, "pattern"]) for i, f in enumerate(rule.get("figures", []))]
    if "phrase" in rule:
        patterns.append((rule["phrase"], ["phrase"]))
    for pattern, where in patterns:
        problem = regex_problem(pattern)
        if problem:
            fail(problem, where)
    relations = rule.get("relation", [])
    for i, relation in enumerate([relations] if isinstance(relations, str) else relations):
        try:
            parse_relation(relation)
        except ValueError as exc:
            fail(str(exc), ["relation"] + ([] if isinstance(rule.get("relation"), str) else [i]))


def regex_problem(pattern: str) -> str:
    """Why a user pattern is refused: it does not compile, or it can backtrack catastrophically
    (a repeated group that itself repeats, such as `(a+)+$`: star height above one)."""
    try:
        re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"pattern does not compile: {exc}"
    if _nested_repeat(tree, inside=False):
        return (f"pattern `{pattern}` repeats a group that itself repeats (like `(a+)+`), which can take "
                "exponential time; rewrite it without nested repetition")
    return ""


def _nested_repeat(items, inside: bool) -> bool:
    for op, av in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            repeats = high is _sre_constants.MAXREPEAT or high > 1
            if repeats and inside:
                return True
            if _nested_repeat(sub, inside or repeats):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(av[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(b, inside) for b in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(av[1], inside):
                return True
    return False


try:  # the parser behind `re`: public as sre_parse before 3.11, private after
    from re import _constants as _sre_constants, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]
