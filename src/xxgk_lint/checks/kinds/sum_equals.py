"""C001–C004: a relation `a + b = c + d` between cells holds for each row or each column.

The relation is written in the rule with row ids (per column) or column ids (per row); a term
may be a wildcard (`三.三*`: the sub-rows of （三）). A relation with a term that is missing,
unaligned or not a number is not evaluated: the linter never invents an arithmetic error.
"""
from __future__ import annotations

from ...model import BLANK, Finding, Related
from ._common import cell_name, column_name, fmt, logical, number, row_name, selected, tables_of


def parse_relation(text: str) -> tuple[list[str], list[str]]:
    left, sep, right = text.partition("=")
    if not sep or "=" in right:
        raise ValueError(f"a relation needs exactly one '=': {text!r}")
    terms = lambda side: [t.strip() for t in side.split("+") if t.strip()]  # noqa: E731
    lhs, rhs = terms(left), terms(right)
    if not lhs or not rhs:
        raise ValueError(f"a relation needs terms on both sides: {text!r}")
    return lhs, rhs


def _expand(terms: list[str], ids: list[str]) -> list[str]:
    return [i for t in terms for i in selected(ids, [t])]


def check(rule, report):
    per = rule.options["per"]
    for table in tables_of(report, [rule.options["table"]]):
        numbers = _numbers(report, table)
        for relation, left, right, axis_ids, places in _plan(rule.options, table.spec):
            for axis, terms in zip(axis_ids, _terms(numbers, per, left + right, axis_ids, places)):
                if terms is None or None in terms:
                    continue  # a term missing, unaligned or not a number: never an invented error
                lsum, rsum = sum(terms[:len(left)]), sum(terms[len(left):])
                if lsum != rsum:
                    cells = _cells(table, per, axis, left + right)
                    yield _finding(rule, table, per, axis, left, right, relation,
                                   dict(zip(left + right, cells)), lsum, rsum)


def _numbers(report, table) -> dict:
    """Each aligned row's values as numbers (a blank is 0, not a number None), worked out once per
    report and table: the relations read each cell several times."""
    key = ("numbers", table.spec.id)
    numbers = report.derived.get(key)
    if numbers is None:
        numbers = report.derived[key] = {
            row_id: None if match.values is None else
            [int(c.text) if c.text.isdigit() else number(c) for c in match.values]
            for row_id, match in table.rows.items()}
    return numbers


def _terms(numbers: dict, per: str, terms: list[str], axis_ids: list[str], places: list[int]):
    """For each axis, the terms' numbers in order; None when a term's row is missing or unaligned.
    `places`: the column indexes of the axes (per column) or of the terms (per row)."""
    if per == "column":
        rows = [numbers.get(t) for t in terms]
        if None in rows:
            return [None] * len(axis_ids)
        return [[row[i] for row in rows] for i in places]
    out = []
    for axis in axis_ids:
        row = numbers.get(axis)
        out.append(None if row is None else [row[i] for i in places])
    return out


_PLANS: dict[tuple[int, int], tuple] = {}


def _plan(options: dict, spec) -> list[tuple[str, list[str], list[str], list[str], list[int]]]:
    """(relation, left terms, right terms, axes, column indexes of the axes or terms) with wildcards
    expanded: the same for every report, so worked out once per rule and table (both live as long
    as the process)."""
    key = (id(options), id(spec))
    hit = _PLANS.get(key)
    if hit is None or hit[0] is not options or hit[1] is not spec:
        relations = options["relation"]
        row_ids = [r.id for r in spec.value_rows]
        col_ids = [c.id for c in spec.columns]
        if options["per"] == "column":
            axis_ids, term_ids = selected(col_ids, options.get("columns")), row_ids
        else:
            axis_ids, term_ids = selected(row_ids, options.get("rows")), col_ids
        plan = []
        for relation in [relations] if isinstance(relations, str) else relations:
            lhs, rhs = parse_relation(relation)
            left, right = _expand(lhs, term_ids), _expand(rhs, term_ids)
            columns = axis_ids if options["per"] == "column" else left + right
            plan.append((relation, left, right, axis_ids, [spec.column_index(c) for c in columns]))
        hit = _PLANS[key] = (options, spec, plan)
    return hit[2]


def _cells(table, per: str, axis: str, terms: list[str]) -> list:
    """The terms' cells on this axis, in order (`check` has made sure that they are all there)."""
    rows, spec = table.rows, table.spec
    if per == "column":
        index = spec.column_index(axis)
        return [rows[t].values[index] for t in terms]
    values = rows[axis].values
    return [values[spec.column_index(t)] for t in terms]


def _finding(rule, table, per, axis, left, right, relation, cells: dict, lsum, rsum) -> Finding:
    total = rule.options.get("total") or (left[0] if len(left) == 1 else right[0])
    others = [t for t in left + right if t != total]
    name = (lambda t: cell_name(table, t, axis)) if per == "column" else (lambda t: cell_name(table, axis, t))
    related = [
        Related(cells[t].span.line, cells[t].span.column,
                f"{name(t)[0]} = {cells[t].raw or '空白'}", f"{name(t)[1]} = {cells[t].raw or 'blank'}")
        for t in others
    ]
    blanks = any(c.kind is BLANK for c in cells.values())
    presumed = [t for t in left + right if per == "column" and table.rows[t].presumed] or \
        ([axis] if per == "row" and table.rows[axis].presumed else [])
    where = column_name(table, axis) if per == "column" else row_name(table, axis)
    params = {
        "where": where, "relation": relation,
        "lhs": fmt(lsum), "rhs": fmt(rsum),
        "total": cells[total].raw or "0", "sum": fmt(rsum if total in left else lsum),
        "diff": fmt(abs(lsum - rsum)),
        "total_cell": cell_name(table, *((total, axis) if per == "column" else (axis, total))),
        "blank_note": _notes(table, blanks, presumed),
    }
    row, col = (total, axis) if per == "column" else (axis, total)
    return Finding(cells[total].span, params, related, logical=logical(table, row, col))


def _notes(table, blanks: bool, presumed: list[str]) -> tuple[str, str]:
    zh, en = "", ""
    if blanks:
        zh, en = "（空白单元格按 0 计）", " (blank cells counted as 0)"
    if presumed:
        names = [row_name(table, r) for r in presumed]
        zh += "（" + "、".join(f"「{n}」" for n in names) + "行的标签已丢失，按位置推定）"
        en += f" (the label of {', '.join(names)} is lost; taken by position)"
    return zh, en
