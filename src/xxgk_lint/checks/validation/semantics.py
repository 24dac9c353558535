"""What a schema cannot say about a rule: messages name only the kind's parameters, patterns are
safe, relations parse, and every table, row, column and part named exists in a template (a rule
that passed here must never fail while linting)."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from ...resources import data_dir
from ..patterns import figure_group_problem, regex_problem
from ..rule import RuleFileError
from .source import position, snippet


def check_semantics(rule: dict, path: Path, root, prefix: list, lines: list[str]) -> None:
    """What a schema cannot say: messages name the kind's parameters, patterns compile and cannot
    backtrack catastrophically, relations parse, and every table, row, column and part named
    exists in a template (a rule that passed here must never fail while linting)."""
    from ..kinds.sum_equals import parse_relation

    def fail(message: str, where: list, needle: str | None = None) -> None:
        """Raise at the node at `where`; with `needle`, at that text in the node's line (its value
        when `needle` is '' or not found there)."""
        line, col = position(root, prefix + where, value=needle is not None)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = text.find(needle, col - 1) if needle else -1
        raise RuleFileError(str(path), message, line, found + 1 if found >= 0 else col, snippet(lines, line))

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
        problem = figure_group_problem(figure["pattern"])
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
    from ...resources import load_yaml

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
    from ..kinds.sum_equals import parse_relation

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
