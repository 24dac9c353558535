"""C001–C004: a relation `a + b = c + d` between cells holds for each row or each column.

The relation is written in the rule with row ids (per column) or column ids (per row); a term
may be a wildcard (`三.三*`: the sub-rows of （三）). A relation with a term that is missing,
unaligned, blank or not a number is not evaluated: the linter never invents an arithmetic error.

A blank cell (or one that is not a number) is one defect, reported once, by the cell's own rule
(N001, N002); that finding names the relations the cell leaves unverified (`unverified`). Which
relations those are is a question about every sum rule loaded, not about the rule that happens to
run first: each prepared rule is registered here when it is made (or unpickled in a worker), and
the answer is worked out once per report, by whichever rule asks first.
"""
from __future__ import annotations

from _weakref import ref  # what `weakref.ref` is, without importing `weakref` on every run (bench/startup.py)

from ...model import BLANK, Edit, Finding, Related
from ._common import (
    Context,
    OptionError,
    PerTable,
    axis_ids,
    cell_name,
    check_ids,
    column_ids,
    column_name,
    fmt,
    is_pattern,
    logical,
    matches,
    number,
    row_ids,
    row_name,
    selected,
    tables,
    tables_of,
    unknown_id,
    unknown_table,
)

# `note`: what the finding rests on beyond the figures (a row label taken by position); `blank_note`
# is its former name, kept for users' rule files (a blank cell no longer reaches a relation).
PLACEHOLDERS = frozenset({"where", "relation", "lhs", "rhs", "total", "sum", "diff", "total_cell", "note",
                          "blank_note"})


def parse_relation(text: str) -> tuple[list[str], list[str]]:
    left, sep, right = text.partition("=")
    if not sep or "=" in right:
        raise ValueError(f"a relation needs exactly one '=': {text!r}")
    terms = lambda side: [t.strip() for t in side.split("+") if t.strip()]  # noqa: E731
    lhs, rhs = terms(left), terms(right)
    if not lhs or not rhs:
        raise ValueError(f"a relation needs terms on both sides: {text!r}")
    return lhs, rhs


class Sums:
    """A rule's relations, parsed and checked against the templates; `plan(spec)` expands them for
    one table."""

    __slots__ = ("table", "per", "total", "plan", "__weakref__")

    def __init__(self, table: str, per: str, total: str | None, plan: PerTable) -> None:
        self.table = table
        self.per = per
        self.total = total
        self.plan = plan  # spec -> [(relation, left terms, right terms, axes, column indexes)]

    def __reduce__(self):
        return _registered, (self.table, self.per, self.total, self.plan)


# ---------------------------------------------------------------- the loaded sum rules
#
# Every `Sums` made (a rule loaded, or received by a worker process), in that order, held weakly:
# a rule set let go of is forgotten. `unverified` reads them.
_LOADED: dict[int, object] = {}


def _registered(table: str, per: str, total: str | None, plan: PerTable) -> Sums:
    sums = Sums(table, per, total, plan)
    key = id(sums)
    _LOADED[key] = ref(sums, lambda _, key=key: _LOADED.pop(key, None))
    return sums


def loaded() -> list[Sums]:
    """The sum rules loaded in this process, in the order they were loaded."""
    return [sums for sums in (r() for r in list(_LOADED.values())) if sums is not None]


def prepare(options: dict, context: Context) -> Sums:
    parsed = []
    for relation, where in _relations(options):
        try:
            parsed.append((relation, where, *parse_relation(relation)))
        except ValueError as exc:
            raise OptionError(str(exc), where) from None
    if not context.trusted:
        _check_terms(options, parsed, context)
    relations = [(relation, lhs, rhs) for relation, _, lhs, rhs in parsed]
    return _registered(options["table"], options["per"], options.get("total"),
                       PerTable(_plan, options, relations))


def _relations(options: dict) -> list[tuple[str, list]]:
    relations = options["relation"]
    if isinstance(relations, str):
        return [(relations, ["relation"])]
    return [(r, ["relation", i]) for i, r in enumerate(relations)]


def _check_terms(options: dict, parsed: list, context: Context) -> None:
    """Every term names a row (per column) or a column (per row) of the table, and the total is a
    term in every template whose table the relation names cells of."""
    table = options["table"]
    chosen = tables(context, [table])
    if not chosen:
        raise OptionError(unknown_table(table, context), ["table"], table)
    per = options["per"]
    axis, other = ("row", "column") if per == "column" else ("column", "row")
    total = options.get("total")
    if total is not None and is_pattern(total):
        raise OptionError(f"`total: {total}` must name one {axis}, not a pattern", ["total"], total)
    for relation, where, lhs, rhs in parsed:
        for term in lhs + rhs:
            if any(matches(axis_ids(t, axis), term) for _, t in chosen):
                continue
            hint = ""
            if any(matches(axis_ids(t, other), term) for _, t in chosen):
                hint = f": with `per: {per}` the terms are {axis}s, and `{term}` is a {other}"
            raise OptionError(unknown_id(term, axis, chosen, hint), where, term)
        if total is not None and not any(matches([total], term) for term in lhs + rhs):
            raise OptionError(f"`total: {total}` is not a term of the relation `{relation}`", ["total"], total)
    # as `check` evaluates each template's table: a relation naming cells there needs the total's
    # cell among them, and without `total:` a right side naming nothing leaves no default total
    for tid, spec in chosen:
        ids = axis_ids(spec, axis)
        for relation, where, lhs, rhs in parsed:
            left = [i for term in lhs for i in matches(ids, term)]
            right = [i for term in rhs for i in matches(ids, term)]
            if total is not None and (left or right) and total not in left + right:
                raise OptionError(f"`total: {total}` is not a {axis} of table {spec.id} in the {tid} template, so "
                                  f"the relation `{relation}` has no total there", ["total"], total)
            if total is None and left and not right and len(left) != 1:
                raise OptionError(f"the right-hand side of `{relation}` names no {axis} of table {spec.id} in the "
                                  f"{tid} template; name {axis}s that exist there or give `total:`", where,
                                  relation.partition("=")[2].strip())
    for key, ax in (("rows", "row"), ("columns", "column")):
        check_ids(options.get(key, []), ax, chosen, [key])


def _plan(spec, options: dict, relations: list) -> list[tuple[str, list[str], list[str], list[str], list[int]]]:
    """(relation, left terms, right terms, axes, column indexes of the axes or terms) with wildcards
    expanded, for one table."""
    if options["per"] == "column":
        axes, term_ids = selected(column_ids(spec), options.get("columns")), row_ids(spec)
    else:
        axes, term_ids = selected(row_ids(spec), options.get("rows")), column_ids(spec)
    plan = []
    for relation, lhs, rhs in relations:
        left, right = _expand(lhs, term_ids), _expand(rhs, term_ids)
        columns = axes if options["per"] == "column" else left + right
        plan.append((relation, left, right, axes, [spec.column_index(c) for c in columns]))
    return plan


def _expand(terms: list[str], ids: tuple[str, ...]) -> list[str]:
    return [i for t in terms for i in selected(ids, [t])]


def check(rule, report):
    sums = rule.prepared
    per = sums.per
    for table in tables_of(report, [sums.table]):
        numbers = _numbers(report, table)
        for relation, left, right, axes, places in sums.plan(table.spec):
            for axis, terms in zip(axes, _terms(numbers, per, left + right, axes, places)):
                if terms is None or None in terms:
                    continue  # a term missing, unaligned, blank or not a number: never an invented error
                lsum, rsum = sum(terms[:len(left)]), sum(terms[len(left):])
                if lsum != rsum:
                    cells = _cells(table, per, axis, left + right)
                    yield _finding(report, sums, table, axis, left, right, relation,
                                   dict(zip(left + right, cells)), lsum, rsum)


def _numbers(report, table) -> dict:
    """Each aligned row's values as numbers (None for a blank cell and one that is not a number),
    worked out once per report and table: the relations read each cell several times."""
    key = ("numbers", table.spec.id)
    numbers = report.derived.get(key)
    if numbers is None:
        numbers = report.derived[key] = {
            row_id: None if match.values is None else
            [int(c.text) if c.text.isdigit() else None if c.kind is BLANK else number(c) for c in match.values]
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


def _cells(table, per: str, axis: str, terms: list[str]) -> list:
    """The terms' cells on this axis, in order (`check` has made sure that they are all there)."""
    rows, spec = table.rows, table.spec
    if per == "column":
        index = spec.column_index(axis)
        return [rows[t].values[index] for t in terms]
    values = rows[axis].values
    return [values[spec.column_index(t)] for t in terms]


def _finding(report, sums: Sums, table, axis, left, right, relation, cells: dict, lsum, rsum) -> Finding:
    per = sums.per
    total = sums.total or (left[0] if len(left) == 1 else right[0])
    others = [t for t in left + right if t != total]
    name = (lambda t: cell_name(table, t, axis)) if per == "column" else (lambda t: cell_name(table, axis, t))
    related = [
        Related(cells[t].span.line, cells[t].span.column,
                f"{name(t)[0]} = {cells[t].raw}", f"{name(t)[1]} = {cells[t].raw}")
        for t in others
    ]
    presumed = [t for t in left + right if per == "column" and table.rows[t].presumed] or \
        ([axis] if per == "row" and table.rows[axis].presumed else [])
    where = column_name(table, axis) if per == "column" else row_name(table, axis)
    note = _note(table, presumed)
    params = {
        "where": where, "relation": relation,
        "lhs": fmt(lsum), "rhs": fmt(rsum),
        "total": cells[total].raw, "sum": fmt(rsum if total in left else lsum),
        "diff": fmt(abs(lsum - rsum)),
        "total_cell": cell_name(table, *((total, axis) if per == "column" else (axis, total))),
        "note": note, "blank_note": note,
    }
    row, col = (total, axis) if per == "column" else (axis, total)
    # the unsafe fix: the total made what the relation says (a person checks which figure is wrong);
    # only where the figures point at this total alone (`alone_wrong`)
    value = number(cells[total])
    fix = None
    if value is not None and alone_wrong(report, (table.spec.id, row, col)):
        fix = [Edit(cells[total].span, fmt(value + (rsum - lsum if total in left else lsum - rsum)))]
    return Finding(cells[total].span, params, related, logical=logical(table, row, col), fix=fix)


def _note(table, presumed: list[str]) -> tuple[str, str]:
    if not presumed:
        return "", ""
    names = [row_name(table, r) for r in presumed]
    return ("（" + "、".join(f"「{n}」" for n in names) + "行的标签已丢失，按位置推定）",
            f" (the label of {', '.join(names)} is lost; taken by position)")


# ---------------------------------------------------------------- which total is wrong

def alone_wrong(report, cell: tuple[str, str, str]) -> bool:
    """Whether the figures point at this total (table, row, column) alone: every relation of the
    loaded sum rules that fails in its table passes through it, and none that holds does. With one
    wrong figure that is a total, this is so; with a wrong part, or two wrong figures, it is not (a
    relation that holds through the total says the total agrees; a failing one elsewhere, another
    figure is wrong), and no total is changed. (Relations never span tables: a mismatch in another
    table says nothing of this one.) Worked out once per report, and only for one with a mismatch."""
    evidence = report.derived.get("sum_evidence")
    if evidence is None:
        holding, failing = set(), {}
        for sums, table, left, right, axis, values in _evaluated(report):
            if values is None or None in values:
                continue  # not evaluated: says nothing
            cells = {_cell(table, sums.per, t, axis) for t in left + right}
            if sum(values[:len(left)]) == sum(values[len(left):]):
                holding |= cells
            else:
                failing.setdefault(table.spec.id, []).append(cells)
        evidence = report.derived["sum_evidence"] = (frozenset(holding), failing)
    holding, failing = evidence
    return cell not in holding and all(cell in cells for cells in failing.get(cell[0], ()))


# ---------------------------------------------------------------- relations left unverified

def unverified(report) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(table, row, column) of each cell that leaves a relation of a loaded sum rule unverified (it
    is blank or not a number, in a row that is aligned) → what its finding adds (zh, en), naming
    those relations in the order the rules were loaded. Worked out once per report, whichever rule
    asks first."""
    notes = report.derived.get("unverified")
    if notes is None:
        notes = report.derived["unverified"] = {
            cell: ("（因此无法核对：" + "、".join(zh for zh, _ in names) + "的勾稽关系）",
                   " (so these relations cannot be checked: " + ", ".join(en for _, en in names) + ")")
            for cell, names in _unverified(report).items()}
    return notes


def _unverified(report) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    found: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for sums, table, left, right, axis, values in _evaluated(report, gaps_only=True):
        if values is None or None not in values:
            continue  # an unaligned row leaves it unverified already; or it is verified
        name = _relation_name(table, sums, axis, left, right)
        for term, value in zip(left + right, values):
            if value is None:
                names = found.setdefault(_cell(table, sums.per, term, axis), [])
                if name not in names:
                    names.append(name)
    return found


def _evaluated(report, gaps_only: bool = False):
    """Each relation of the loaded sum rules on each axis of the report's tables, in the order the
    rules were loaded: (sums, table, left, right, axis, values) — `values` None where a term's row is
    missing or unaligned, a value None where its cell is blank or not a number. `gaps_only`: only the
    tables with such a cell (nearly every table has none)."""
    for sums in loaded():
        for table in tables_of(report, [sums.table]):
            numbers = _numbers(report, table)
            if gaps_only and not any(None in row for row in numbers.values() if row is not None):
                continue
            for _, left, right, axes, places in sums.plan(table.spec):
                for axis, values in zip(axes, _terms(numbers, sums.per, left + right, axes, places)):
                    yield sums, table, left, right, axis, values


def _cell(table, per: str, term: str, axis: str) -> tuple[str, str, str]:
    """(table, row, column) of a relation's term on an axis."""
    return (table.spec.id, term, axis) if per == "column" else (table.spec.id, axis, term)


def _relation_name(table, sums: Sums, axis: str, left: list[str], right: list[str]) -> tuple[str, str]:
    """A relation on the blank cell's own row (or column), named from there: `本行「总计」` (a total
    and what adds up to it), `本列「一 + 二 = （七）总计 + 四」` (a balance)."""
    spec = table.spec
    if sums.per == "column":
        label = lambda t: row_name(table, t)  # noqa: E731
        here = ("本列", "this column's ") if len(spec.columns) > 1 else ("", "")
    else:
        label = lambda t: column_name(table, t)  # noqa: E731
        here = ("本行", "this row's ") if not spec.rows[0].unlabelled else ("", "")
    total = sums.total or (left[0] if len(left) == 1 else right[0])
    if [total] in (left, right):
        text = label(total)
    else:
        text = " + ".join(_short(label(t)) for t in left) + " = " + " + ".join(_short(label(t)) for t in right)
    return f"{here[0]}「{text}」", f"{here[1]}'{text}'"


def _short(label: str) -> str:
    """A long row label by its ordinal (`一、本年新收政府信息公开申请数量` → `一`)."""
    head, sep, _ = label.partition("、")
    return head if sep and len(label) > 6 and len(head) <= 3 else label
