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

from ..resources import data_dir
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


def _position(root, path: list, value: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at `path` in a ruamel round-trip tree: of its key in a
    mapping, or with `value` of the value itself."""
    node, pos = root, (0, 0)
    for i, key in enumerate(path):
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                if isinstance(node, dict):
                    pos = lc.value(key) if value and i == len(path) - 1 else lc.key(key)
                else:
                    pos = lc.item(key)
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
    """What a schema cannot say: messages name the kind's parameters, patterns compile and cannot
    backtrack catastrophically, relations parse, and every table, row, column and part named
    exists in a template (a rule that passed here must never fail while linting)."""
    from .kinds.sum_equals import parse_relation

    def fail(message: str, where: list, needle: str | None = None) -> None:
        """Raise at the node at `where`; with `needle`, at that text in the node's line (its value
        when `needle` is '' or not found there)."""
        line, col = _position(root, prefix + where, value=needle is not None)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = text.find(needle, col - 1) if needle else -1
        raise RuleFileError(str(path), message, line, found + 1 if found >= 0 else col, _snippet(lines, line))

    _check_messages(rule, fail)
    patterns = [(p, ["patterns", i]) for i, p in enumerate(rule.get("patterns", []))]
    patterns += [(f["pattern"], ["figures", i, "pattern"]) for i, f in enumerate(rule.get("figures", []))]
    if "phrase" in rule:
        patterns.append((rule["phrase"], ["phrase"]))
    for pattern, where in patterns:
        problem = regex_problem(pattern)
        if problem:
            fail(problem, where)
    for i, figure in enumerate(rule.get("figures", [])):
        problem = _figure_group_problem(figure["pattern"])
        if problem:
            fail(problem, ["figures", i, "pattern"])
    for relation, where in _relations(rule):
        try:
            parse_relation(relation)
        except ValueError as exc:
            fail(str(exc), where)
    _check_ids(rule, fail)


# ---------------------------------------------------------------- message placeholders

# The parameters each kind gives its findings (the dicts of `Finding(span, {...})` in kinds/*.py;
# P001's in kinds/readable_input.py, P003's in engine.py and runner.py, P004's in runner.py). A
# message may use any of its kind's names; tests/test_rule_validation.py checks this table against
# the kinds' code and against what the bundled rules' examples emit.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "readable_input": frozenset({"reason"}),
    "aligned_rows": frozenset({"table", "label", "count", "expected", "first_line", "presumed"}),
    "required_section": frozenset({"number", "title"}),
    "section_order": frozenset({"number", "written", "title", "first_line", "last", "last_written",
                                "previous", "previous_line"}),
    "section_title": frozenset({"number", "title", "canonical"}),
    "required_table": frozenset({"table"}),
    "required_rows": frozenset({"table", "row", "neighbour", "count", "rows"}),
    "required_columns": frozenset({"table", "columns", "count"}),
    "template_version": frozenset({"year", "template"}),
    "cell_value": frozenset({"cell", "value"}),
    "sum_equals": frozenset({"where", "relation", "lhs", "rhs", "total", "sum", "diff", "total_cell",
                             "blank_note"}),
    "required_statement": frozenset({"section", "title", "line"}),
    "required_title": frozenset({"missing"}),
    "year_consistency": frozenset({"a", "a_en", "b", "b_en", "year_a", "year_b", "date"}),
    "narrative_figures": frozenset({"what", "what_en", "stated", "table"}),
    "unused_suppression": frozenset({"code", "where"}),
    "internal_error": frozenset({"error"}),
}


def _check_messages(rule: dict, fail) -> None:
    allowed = PLACEHOLDERS.get(rule["kind"], frozenset())
    for key in ("message", "message_en"):
        value = rule.get(key)
        texts = [(value, [key])] if isinstance(value, str) else \
            [(t, [key, variant]) for variant, t in value.items()] if isinstance(value, dict) else []
        for text, where in texts:
            problem, needle = message_problem(text, allowed)
            if problem:
                fail(problem, where, needle)


def message_problem(text: str, allowed: frozenset[str] | set[str]) -> tuple[str, str]:
    """Why a message template cannot be rendered with parameters named `allowed` ('' if it can),
    and the text to point at."""
    import string

    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return f"the message is not a valid template: {exc} (write `{{{{` and `}}}}` for a literal brace)", ""
    names = ", ".join(f"`{{{n}}}`" for n in sorted(allowed))
    for name, spec, conv in fields:
        written = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        if name == "" or name.isdigit():
            return f"positional placeholder `{written}` in the message: use a named one ({names})", written
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if base not in allowed:
            close = difflib.get_close_matches(base, sorted(allowed), n=1)
            hint = f" — did you mean `{{{close[0]}}}`?" if close else f" (this kind provides {names})"
            return f"unknown placeholder `{{{base}}}`{hint}", written
        if spec or conv or base != name:
            return (f"placeholder `{written}` uses a format spec, conversion or attribute, which messages do "
                    f"not support: write `{{{base}}}`"), written
    return "", ""


# ---------------------------------------------------------------- tables, rows, columns, parts

_WILDCARD = re.compile(r"[*?\[]")


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[str, tuple[str, ...], tuple[tuple[str, tuple, tuple, tuple], ...]], ...]:
    """Each bundled template as (id, part ids, tables as (id, value row ids, caption row ids,
    column ids)). Read from the template YAML itself, not through `template.load_template`: that
    goes through the rule pack, whose build validates the bundled rules with this module."""
    from ..resources import load_yaml

    out = []
    for file in sorted((data_dir("rules") / "templates").glob("*.yaml")):
        raw = load_yaml(file)
        tables = tuple(
            (str(t["id"]), tuple(str(r["id"]) for r in t["rows"] if not r.get("group")),
             tuple(str(r["id"]) for r in t["rows"] if r.get("group")), tuple(str(c["id"]) for c in t["columns"]))
            for t in raw["tables"])
        out.append((str(raw["id"]), tuple(str(s["id"]) for s in raw["sections"]), tables))
    return tuple(out)


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def _listing(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (" …" if len(ids) > limit else "")


def _matches(ids, pattern: str) -> list[str]:
    from fnmatch import fnmatchcase

    return [i for i in ids if fnmatchcase(i, pattern)]


def _all_table_ids() -> list[str]:
    return _unique(t[0] for _, _, tables in _templates() for t in tables)


def _tables(patterns: list[str] | None) -> list[tuple[str, tuple]]:
    """(template id, table) for every table the patterns select (all tables if None)."""
    from fnmatch import fnmatchcase

    return [(tid, t) for tid, _, tables in _templates() for t in tables
            if patterns is None or any(fnmatchcase(t[0], p) for p in patterns)]


_AXES = {"row": 1, "column": 3}


def _check_table_patterns(patterns: list[str], where: list, fail) -> None:
    for i, pattern in enumerate(patterns):
        if not _matches(_all_table_ids(), pattern):
            fail(f"unknown table `{pattern}` (tables: {_listing(_all_table_ids(), 20)})", where + [i])


def _unknown_id(term: str, axis: str, selected: list[tuple[str, tuple]], other_hint: str = "") -> str:
    """The message for a row or column pattern that names nothing in the selected tables."""
    names = _unique(t[0] for _, t in selected)
    if axis == "row":
        groups = [t[0] for _, t in selected if term in t[2]]
        if groups:
            return (f"row `{term}` of table {groups[0]} is a caption over sub-rows with no values of its own; "
                    f"write `{term}*` for its sub-rows")
    if len(names) == 1:
        ids = _unique(i for _, t in selected for i in t[_AXES[axis]])
        return f"unknown {axis} `{term}` in table {names[0]}{other_hint} ({axis}s: {_listing(ids)})"
    return f"unknown {axis} `{term}`: no table among {_listing(names, 20)} has such a {axis}{other_hint}"


def _check_id_patterns(patterns: list[str], axis: str, selected: list[tuple[str, tuple]], where: list,
                       fail) -> None:
    for i, pattern in enumerate(patterns):
        if not any(_matches(t[_AXES[axis]], pattern) for _, t in selected):
            fail(_unknown_id(pattern, axis, selected), where + [i], pattern)


def _check_cells(selector: dict, where: list, fail, within: list[str] | None = None) -> None:
    """A cell_value selector {tables, rows, columns, except}: every pattern names something."""
    _check_table_patterns(selector.get("tables", []), where + ["tables"], fail)
    selected = _tables(selector.get("tables", within))
    if "tables" in selector and within is not None:  # an exception within the selected tables
        inner = [(tid, t) for tid, t in selected if any(_matches([t[0]], p) for p in within)]
        selected = inner or selected
    for axis, key in (("row", "rows"), ("column", "columns")):
        _check_id_patterns(selector.get(key, []), axis, selected, where + [key], fail)
    for j, excluded in enumerate(selector.get("except", [])):
        _check_cells(excluded, where + ["except", j], fail, selector.get("tables"))


def _relations(rule: dict) -> list[tuple[str, list]]:
    relations = rule.get("relation", [])
    if isinstance(relations, str):
        return [(relations, ["relation"])]
    return [(r, ["relation", i]) for i, r in enumerate(relations)]


def _check_sum(rule: dict, fail) -> None:
    from .kinds.sum_equals import parse_relation

    table = rule["table"]
    selected = _tables([table])
    if not selected:
        fail(f"unknown table `{table}` (tables: {_listing(_all_table_ids(), 20)})", ["table"], table)
    per = rule["per"]
    axis, other = ("row", "column") if per == "column" else ("column", "row")
    total = rule.get("total")
    if total is not None and _WILDCARD.search(total):
        fail(f"`total: {total}` must name one {axis}, not a pattern", ["total"], total)
    parsed = [(relation, where, *parse_relation(relation)) for relation, where in _relations(rule)]
    for relation, where, lhs, rhs in parsed:
        for term in lhs + rhs:
            if any(_matches(t[_AXES[axis]], term) for _, t in selected):
                continue
            hint = ""
            if any(_matches(t[_AXES[other]], term) for _, t in selected):
                hint = f": with `per: {per}` the terms are {axis}s, and `{term}` is a {other}"
            fail(_unknown_id(term, axis, selected, hint), where, term)
        if total is not None and not any(_matches([total], term) for term in lhs + rhs):
            fail(f"`total: {total}` is not a term of the relation `{relation}`", ["total"], total)
    # as the kind evaluates each template's table: a relation naming cells there needs the total's
    # cell among them, and without `total:` a right side naming nothing leaves no default total
    for tid, spec in selected:
        ids = spec[_AXES[axis]]
        for relation, where, lhs, rhs in parsed:
            left = [i for term in lhs for i in _matches(ids, term)]
            right = [i for term in rhs for i in _matches(ids, term)]
            if total is not None and (left or right) and total not in left + right:
                fail(f"`total: {total}` is not a {axis} of table {spec[0]} in the {tid} template, so the relation "
                     f"`{relation}` has no total there", ["total"], total)
            if total is None and left and not right and len(left) != 1:
                fail(f"the right-hand side of `{relation}` names no {axis} of table {spec[0]} in the {tid} template; "
                     f"name {axis}s that exist there or give `total:`", where, relation.partition("=")[2].strip())
    for key, ax in (("rows", "row"), ("columns", "column")):
        _check_id_patterns(rule.get(key, []), ax, selected, [key], fail)


def _check_figures(rule: dict, fail) -> None:
    for i, figure in enumerate(rule["figures"]):
        for k, alternative in enumerate(figure["equals_any"]):
            where = ["figures", i, "equals_any", k]
            table = alternative["table"]
            if _WILDCARD.search(table) or table not in _all_table_ids():
                why = ": `table` takes one table id, not a pattern" if _WILDCARD.search(table) else ""
                fail(f"unknown table `{table}`{why} (tables: {_listing(_all_table_ids(), 20)})",
                     where + ["table"], table)
            selected = [(tid, t) for tid, t in _tables(None) if t[0] == table]
            for key, axis in (("rows", "row"), ("columns", "column")):
                _check_id_patterns(alternative.get(key, []), axis, selected, where + [key], fail)


def _check_ids(rule: dict, fail) -> None:
    kind = rule["kind"]
    if kind == "sum_equals":
        _check_sum(rule, fail)
    elif kind == "cell_value":
        _check_cells(rule.get("cells", {}), ["cells"], fail)
    elif kind == "narrative_figures":
        _check_figures(rule, fail)
    else:
        _check_table_patterns(rule.get("tables", []), ["tables"], fail)
    sections = _unique(s for _, parts, _ in _templates() for s in parts)
    for i, pattern in enumerate(rule.get("sections", [])):
        if not _matches(sections, pattern):
            fail(f"unknown part `{pattern}` (parts: {_listing(sections)})", ["sections", i], pattern)


# ---------------------------------------------------------------- patterns

def regex_problem(pattern: str) -> str:
    """Why a user pattern is refused: it does not compile, or it can backtrack catastrophically —
    a repeated group that itself repeats, such as `(a+)+$` (star height above one), or a repeated
    choice whose alternatives can start with the same character, such as `(a|a)+$` or `(a|ab)*c`."""
    try:
        re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"pattern does not compile: {exc}"
    try:
        if _nested_repeat(tree, inside=False):
            return (f"pattern `{pattern}` repeats a group that itself repeats (like `(a+)+`), which can take "
                    "exponential time; rewrite it without nested repetition")
        icase = bool(tree.state.flags & _sre_constants.SRE_FLAG_IGNORECASE)
        witness = _ambiguous(list(tree), frozenset(), False, icase)
    except RecursionError:
        return f"pattern `{pattern[:60]}` is nested too deeply"
    if witness is _SHARED:
        return (f"pattern `{pattern}` repeats a choice between alternatives that begin alike or can be empty "
                "(like `(a|ab)*`), which can take exponential time on a short line; make every alternative "
                "start with a different character")
    if witness is not None:
        what = f"`{_show(witness)}`" if witness else "the same character"
        return (f"pattern `{pattern}` repeats a choice whose alternatives can both start with {what} (like "
                "`(\\w|_)+`), which can take exponential time on a short line; make every alternative start "
                "with a different character")
    return ""


def _nested_repeat(items, inside: bool) -> bool:
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            low, high, sub = av
            repeats = high is _sre_constants.MAXREPEAT or high > 1
            if repeats and inside:
                return True
            if _nested_repeat(sub, inside or repeats):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(av[-1], inside):
                return True
        elif name == "ATOMIC_GROUP":
            if _nested_repeat(av, inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(b, inside) for b in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(av[1], inside):
                return True
        elif name == "GROUPREF_EXISTS":
            if any(_nested_repeat(b, inside) for b in av[1:] if b):
                return True
    return False


# First-character sets. A set is a frozenset of atoms, or _ANY (any character):
#   ("lit", codepoint)  ("range", lo, hi)  ("cat", "CATEGORY_DIGIT")  ("not", (atom, ...))
# Alternatives inside a repeat whose first sets share a character let the engine try both ways at
# every step: 2^n paths on a line that fails to match. (Alternatives sharing a common start are
# factored by the parser — `(a|ab)` becomes `a(?:|b)` — which leaves an empty alternative.)

class _Any:
    def __repr__(self) -> str:
        return "any character"


_ANY = _Any()
_SHARED = _Any()  # marker: alternatives that begin alike (an empty alternative after factoring)
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W", "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"\x00-\x09\x0b-\U0010ffff",
}
# Every intersection of two categories that is not empty holds one of these characters.
_SAMPLES = "a1_ \t\n!-.A0中。，１é\u3000\x00"
_RANGE_SCAN = 0x40000


def _union(a, b):
    return _ANY if a is _ANY or b is _ANY else a | b


def _lits(cp: int, icase: bool) -> list[tuple]:
    ch = chr(cp)
    chars = {ch} | ({c for c in (ch.lower(), ch.upper(), ch.swapcase()) if len(c) == 1} if icase else set())
    return [("lit", ord(c)) for c in sorted(chars)]


def _class_atoms(av, icase: bool, expand: bool = True):
    """The atoms of an IN class (a negated class is one "not" atom); with `expand`, case variants."""
    negate = bool(av) and str(av[0][0]) == "NEGATE"
    members: list[tuple] = []
    for op, a in av[1:] if negate else av:
        name = str(op)
        if name == "LITERAL":
            members += _lits(a, icase and expand)
        elif name == "RANGE":
            members.append(("range", a[0], a[1]))
            if icase and expand:
                if a[1] - a[0] > 1024:
                    return _ANY
                members += [x for cp in range(a[0], a[1] + 1) for x in _lits(cp, True)]
        elif name == "CATEGORY":
            members.append(("cat", str(a)))
        else:
            return _ANY
    if negate:
        return frozenset({("not", tuple(members))})
    return list(members) if not expand else frozenset(members)


def _first(items, icase: bool):
    """(first set, nullable) of a sequence."""
    acc = frozenset()
    for item in items:
        first, nullable = _first_item(item, icase)
        acc = _union(acc, first)
        if not nullable:
            return acc, False
    return acc, True


def _scoped(icase: bool, av) -> bool:
    add, remove = av[1], av[2]
    flag = _sre_constants.SRE_FLAG_IGNORECASE
    return (icase or bool(add & flag)) and not remove & flag


def _first_item(item, icase: bool):
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return frozenset(_lits(av, icase)), False
    if name == "NOT_LITERAL":
        return frozenset({("not", tuple(_lits(av, icase)))}), False
    if name == "IN":
        return _class_atoms(av, icase), False
    if name == "CATEGORY":
        return frozenset({("cat", str(av))}), False
    if name == "ANY":
        return _ANY, False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset(), True  # zero-width
    if name == "SUBPATTERN":
        return _first(av[-1], _scoped(icase, av))
    if name == "ATOMIC_GROUP":
        return _first(av, icase)
    if name in _REPEATS:
        low, high, sub = av
        if high == 0:
            return frozenset(), True
        first, nullable = _first(sub, icase)
        return first, nullable or low == 0
    if name == "BRANCH":
        firsts = [_first(alt, icase) for alt in av[1]]
        acc = frozenset()
        for first, _ in firsts:
            acc = _union(acc, first)
        return acc, any(nullable for _, nullable in firsts)
    if name == "GROUPREF_EXISTS":
        yes = _first(av[1], icase)
        no = _first(av[2], icase) if av[2] else (frozenset(), True)
        return _union(yes[0], no[0]), yes[1] or no[1]
    return _ANY, True  # a backreference, or anything new: could be anything, or nothing


def _ambiguous(items, follow, inside: bool, icase: bool):
    """A character two alternatives of a repeated choice can both start with (_SHARED when the parser
    factored their common start; '' when unknown), or None. `follow`: what can come after `items`."""
    items = list(items)
    after = [follow] * len(items)  # what can follow each item
    suffix, nullable = frozenset(), True
    for k in range(len(items) - 1, -1, -1):
        after[k] = _union(suffix, follow) if nullable else suffix
        first, empty = _first_item(items[k], icase)
        suffix, nullable = (_union(first, suffix) if empty else first), empty and nullable
    for k, (op, av) in enumerate(items):
        name, found = str(op), None
        if name in _REPEATS:
            low, high, sub = av
            loops = high is _sre_constants.MAXREPEAT or high > 1
            body_follow = _union(_first(sub, icase)[0], after[k]) if loops else after[k]
            found = _ambiguous(sub, body_follow, inside or loops, icase)
        elif name == "SUBPATTERN":
            found = _ambiguous(av[-1], after[k], inside, _scoped(icase, av))
        elif name == "ATOMIC_GROUP":
            found = _ambiguous(av, after[k], inside, icase)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _ambiguous(av[1], frozenset(), inside, icase)
        elif name == "GROUPREF_EXISTS":
            found = next((w for w in (_ambiguous(b, after[k], inside, icase) for b in av[1:] if b)
                          if w is not None), None)
        elif name == "BRANCH":
            alternatives = av[1]
            if inside:
                if any(not alt for alt in alternatives):
                    return _SHARED
                firsts = [_union(f, after[k]) if n else f for f, n in (_first(a, icase) for a in alternatives)]
                for i in range(len(firsts)):
                    for j in range(i + 1, len(firsts)):
                        found = _sets_overlap(firsts[i], firsts[j])
                        if found is not None:
                            return found
            found = next((w for w in (_ambiguous(a, after[k], inside, icase) for a in alternatives)
                          if w is not None), None)
        elif name == "IN" and inside:
            # `(\w|_)` is parsed as the class [\w_]: its members are the alternatives
            members = _class_atoms(av, icase, expand=False)
            if isinstance(members, list):
                for i in range(len(members)):
                    for j in range(i + 1, len(members)):
                        found = _overlap(members[i], members[j])
                        if found is not None:
                            return found
        if found is not None:
            return found
    return None


def _sets_overlap(a, b):
    if not a or not b:
        return None  # nothing (the end of the pattern) never competes
    if a is _ANY and b is _ANY:
        return ""
    if a is _ANY or b is _ANY:
        return _example(next(iter(b if a is _ANY else a)))
    for x in a:
        for y in b:
            found = _overlap(x, y)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=4096)
def _atom_re(atom: tuple) -> re.Pattern:
    def fragment(a: tuple) -> str:
        if a[0] == "lit":
            return "\\U%08x" % a[1]
        if a[0] == "range":
            return "\\U%08x-\\U%08x" % (a[1], a[2])
        return _CATEGORIES.get(a[1], r"\s\S")

    if atom[0] == "not":
        return re.compile("[^" + "".join(map(fragment, atom[1])) + "]" if atom[1] else r"[\s\S]")
    return re.compile("[" + fragment(atom) + "]")


@lru_cache(maxsize=256)
def _range_text(low: int, high: int) -> str:
    return "".join(map(chr, range(low, high + 1)))


def _overlap(a: tuple, b: tuple):
    """A character both atoms match, '' when one may exist but none was found, else None."""
    if a[0] == "lit" or b[0] == "lit":
        lit, other = (a, b) if a[0] == "lit" else (b, a)
        ch = chr(lit[1])
        return ch if _atom_re(other).fullmatch(ch) else None
    for scan, other in ((a, b), (b, a)):
        if scan[0] == "range" and scan[2] - scan[1] < _RANGE_SCAN:
            match = _atom_re(other).search(_range_text(scan[1], scan[2]))
            return match.group() if match else None
    found = next((c for c in _SAMPLES if _atom_re(a).fullmatch(c) and _atom_re(b).fullmatch(c)), None)
    if found is None and a[0] == b[0] == "cat":
        return None  # the samples witness every overlap of two categories
    return found if found is not None else ""


def _example(atom: tuple) -> str:
    if atom[0] == "lit":
        return chr(atom[1])
    if atom[0] == "range":
        return chr(atom[1])
    return next((c for c in _SAMPLES if _atom_re(atom).fullmatch(c)), "")


def _show(ch: str) -> str:
    return ch if ch.isprintable() and ch != "`" else ascii(ch)[1:-1]


def _figure_group_problem(pattern: str) -> str:
    """The group `n` of a figure's pattern is read with int(): it must match digits only, and in
    every match."""
    try:
        compiled = re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return ""  # reported as a pattern that does not compile
    group = compiled.groupindex.get("n")
    if group is None:
        return "a figure's pattern needs a group `(?P<n>…)` matching the stated number"
    found = _find_group(list(tree), group, optional=False)
    if found is None:
        return ""
    items, optional = found
    if optional:
        return (f"the group `n` of `{pattern}` is optional or inside an alternative; the stated number must be "
                "part of every match")
    if not _digits_only(items) or _first(items, False)[1]:
        return f"the group `n` of `{pattern}` must match digits only, such as `(?P<n>\\d+)`"
    return ""


def _find_group(items, group: int, optional: bool):
    for op, av in items:
        name = str(op)
        if name == "SUBPATTERN":
            if av[0] == group:
                return av[-1], optional
            found = _find_group(av[-1], group, optional)
        elif name in _REPEATS:
            found = _find_group(av[2], group, optional or av[0] == 0)
        elif name == "ATOMIC_GROUP":
            found = _find_group(av, group, optional)
        elif name == "BRANCH":
            found = next((f for f in (_find_group(b, group, True) for b in av[1]) if f is not None), None)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _find_group(av[1], group, optional or name == "ASSERT_NOT")
        elif name == "GROUPREF_EXISTS":
            found = next((f for f in (_find_group(b, group, True) for b in av[1:] if b) if f is not None), None)
        else:
            found = None
        if found is not None:
            return found
    return None


def _digits_only(items) -> bool:
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            ok = chr(av).isdecimal()
        elif name == "IN":
            ok = bool(av) and all(
                (str(o) == "CATEGORY" and str(a) == "CATEGORY_DIGIT")
                or (str(o) == "LITERAL" and chr(a).isdecimal())
                or (str(o) == "RANGE" and a[1] - a[0] < 256 and _range_text(a[0], a[1]).isdecimal())
                for o, a in av)
        elif name == "SUBPATTERN":
            ok = _digits_only(av[-1])
        elif name in _REPEATS:
            ok = _digits_only(av[2])
        elif name == "BRANCH":
            ok = all(_digits_only(b) for b in av[1])
        elif name == "AT":
            ok = True
        else:
            ok = False
        if not ok:
            return False
    return True


try:  # the parser behind `re`: public as sre_parse before 3.11, private after
    from re import _constants as _sre_constants, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]
