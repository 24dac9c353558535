"""X001–X003: a relation between a report's cells and the same agency's previous-year report, or the
reports of the units it sums, written as data:

    table: 三
    per: column
    relation: 二 = previous(四)              # this year's 上年结转 = last year's 结转下年度

A term is an id of the table's rows (per column), columns (per row) or `*` (per cell: every value
cell), as written for this report, or wrapped: `previous(…)` the agency's report on the year before,
`children(…)` the sum over the reports of the units the configuration says it sums (`[[hierarchy]]`).
`relation` may be a table by template id when the two templates count differently (the 2019 and
2021 表二): such a relation is evaluated across years only when both reports follow the same template
for the table. One relation for every template names rows that mean the same in both (表三 二 and 四):
it compares the cells of the same ids, so a 2020 report (2019 format) and a 2021 one are compared. A
relation is evaluated only where every cell it names was read as a number; a parent whose unit has no
report of the year is "not assessable", said once (as information), never a mismatch.
"""
from __future__ import annotations

import re

from ...pipeline.facts import Facts, Key, Located
from ._across import CrossFinding, Pointer, ReportSet
from ._common import Context, OptionError, axis_ids, fmt, row_ids

PLACEHOLDERS = frozenset({"where", "table", "relation", "lhs", "rhs", "diff", "terms", "year", "other_year",
                          "other", "agency", "missing", "count", "actual", "expected"})
_TERM = re.compile(r"^(?:(previous|children)\(\s*([^()]+?)\s*\)|([^()]+))$")
_NAMES = {"previous": ("上年报告", "last year's report"), "children": ("下级单位报告之和", "the units' reports, summed"),
          "": ("本报告", "this report")}


class Position:
    """One place a relation is checked (a column, a row or a cell) and the cells of each side."""

    __slots__ = ("where", "lhs", "rhs")

    def __init__(self, where: tuple[str, str], lhs: list[tuple[str, Key]], rhs: list[tuple[str, Key]]) -> None:
        self.where = where  # (zh, en)
        self.lhs = lhs  # (scope, key): scope "" is this report
        self.rhs = rhs


class Prepared:
    """A rule's relations, parsed; where they are checked is worked out from the templates on first
    use (`plan`): a run whose findings come from the result cache never needs it (bench/startup.py)."""

    __slots__ = ("scope", "relations", "tables", "per", "parsed", "templates", "_plan")

    def __init__(self, scope: str, relations: dict[str, str], tables: list[str], per: str,
                 parsed: dict[str, tuple], templates: dict) -> None:
        self.scope = scope  # previous | children
        self.relations = relations  # template id ("" for any) → the relation as written
        self.tables = tables
        self.per = per
        self.parsed = parsed  # template id → (left terms, right terms)
        self.templates = templates
        self._plan = None

    def plan(self) -> tuple[dict, frozenset, dict]:
        if self._plan is None:
            self._plan = _plan(self)
        return self._plan

    @property
    def positions(self) -> dict[tuple[str, str], list[Position]]:
        """(template id, table id) → where the relation is checked."""
        return self.plan()[0]

    @property
    def wanted(self) -> frozenset[Key]:
        """Every cell a report must keep for the rule (pipeline/facts.py)."""
        return self.plan()[1]

    @property
    def labels(self) -> dict[Key, str]:
        """A cell's name in messages: 四、结转下年度继续办理「总计」."""
        return self.plan()[2]


def parse_terms(side: str) -> list[tuple[str, str]]:
    out = []
    for text in (t.strip() for t in side.split("+")):
        match = _TERM.match(text)
        if not text or match is None:
            raise ValueError(f"cannot read the term `{text}` (an id, previous(id) or children(id))")
        out.append((match.group(1), match.group(2)) if match.group(1) else ("", match.group(3).strip()))
    return out


def prepare(options: dict, context: Context) -> Prepared:
    tables = options["table"] if isinstance(options["table"], list) else [options["table"]]
    relations = options["relation"] if isinstance(options["relation"], dict) else {"": options["relation"]}
    scopes, parsed = set(), {}
    for template_id, text in relations.items():
        left, sep, right = text.partition("=")
        where = ["relation"] + ([template_id] if template_id else [])
        try:
            if not sep or "=" in right:
                raise ValueError(f"a relation needs exactly one '=': {text!r}")
            parsed[template_id] = parse_terms(left), parse_terms(right)
        except ValueError as exc:
            raise OptionError(str(exc), where) from None
        scopes |= {scope for scope, _ in parsed[template_id][0] + parsed[template_id][1] if scope}
        if template_id and template_id not in context.templates:
            raise OptionError(f"unknown template `{template_id}` (templates: {', '.join(context.templates)})", where)
    if len(scopes) != 1:
        raise OptionError("a relation compares with exactly one of previous(…) or children(…)", ["relation"])
    prepared = Prepared(scopes.pop(), relations, tables, options["per"], parsed, context.templates)
    if not context.trusted:  # a user's rule: every id it names is checked now, pointing into its file
        prepared.plan()
    return prepared


def _plan(prepared: Prepared) -> tuple[dict, frozenset, dict]:
    positions, wanted, labels = {}, set(), {}
    for template_id, (lhs, rhs) in prepared.parsed.items():
        where = ["relation"] + ([template_id] if template_id else [])
        chosen = [t for tid, t in prepared.templates.items() if not template_id or tid == template_id]
        for template in chosen:
            for table_id in prepared.tables:
                spec = template.table(table_id)
                if spec is None:
                    continue
                found = _positions(spec, table_id, prepared.per, lhs, rhs, where)
                positions[(template.id, table_id)] = found
                keys = {key for p in found for _, key in p.lhs + p.rhs}
                wanted |= keys
                labels.update(_labels(spec, prepared.per, keys))
    if not positions:
        raise OptionError(f"no template has the table {', '.join(prepared.tables)}", ["table"])
    return positions, frozenset(wanted), labels


def _positions(spec, table_id: str, per: str, lhs, rhs, where: list) -> list[Position]:
    terms = [ref for _, ref in lhs + rhs]
    if per == "cell":
        if any(ref != "*" for ref in terms):
            raise OptionError("per cell, every term is `*` (the cell itself)", where)
        rows = {r.id: "" if r.unlabelled else r.label for r in spec.value_rows}
        return [Position((f"{rows[r]}「{c.label}」" if rows[r] else f"「{c.label}」",
                          f"{rows[r]} / {c.label}" if rows[r] else c.label),
                         [(s, (table_id, r, c.id)) for s, _ in lhs], [(s, (table_id, r, c.id)) for s, _ in rhs])
                for r in row_ids(spec) for c in spec.columns]
    axis = "row" if per == "column" else "column"  # per column, the terms are rows
    known = axis_ids(spec, axis)
    for ref in terms:
        if ref not in known:
            raise OptionError(f"unknown {axis} `{ref}` in table {table_id} ({axis}s: {', '.join(known)})", where, ref)
    out = []
    if per == "column":
        for c in spec.columns:
            out.append(Position((c.label, c.label), [(s, (table_id, ref, c.id)) for s, ref in lhs],
                                [(s, (table_id, ref, c.id)) for s, ref in rhs]))
    else:
        for r in spec.value_rows:
            out.append(Position((r.label, r.label), [(s, (table_id, r.id, ref)) for s, ref in lhs],
                                [(s, (table_id, r.id, ref)) for s, ref in rhs]))
    return out


def _labels(spec, per: str, keys) -> dict[Key, str]:
    """How a cell is named in a message: by what varies along the relation (per column: its row)."""
    rows = {r.id: "" if r.unlabelled else r.label for r in spec.rows}
    columns = {c.id: c.label for c in spec.columns}
    if per == "column":
        return {key: rows[key[1]] for key in keys}
    if per == "row":
        return {key: columns[key[2]] for key in keys}
    return {key: f"{rows[key[1]]}「{columns[key[2]]}」" if rows[key[1]] else f"「{columns[key[2]]}」" for key in keys}


def wanted(rule) -> frozenset[Key]:
    return rule.prepared.wanted


def sums_units(rule) -> bool:
    """The rule compares a report with its units' (children(…)): nothing to read without a hierarchy."""
    return rule.prepared.scope == "children"


def check_set(rule, reports: ReportSet):
    prepared: Prepared = rule.prepared
    for facts in reports.linted:
        if prepared.scope == "previous":
            other = reports.previous(facts)
            if other is not None:
                yield from _named(rule, _compare(prepared, facts, {"previous": [other]}, other))
            continue
        got = reports.children(facts)
        if got is None:
            continue
        kids, missing = got
        if missing:  # one unit without its report: nothing of the sum can be assessed
            yield _not_assessable(facts, missing, len(kids) + len(missing))
        elif kids:
            yield from _named(rule, _compare(prepared, facts, {"children": kids}, None))


def _named(rule, findings):
    """A mismatch's message: its template's where the rule has one, else the one named `mismatch`."""
    for finding in findings:
        if not (isinstance(rule.message, dict) and finding.variant in rule.message):
            finding.variant = "mismatch"
        yield finding


def _compare(prepared: Prepared, facts: Facts, others: dict[str, list[Facts]], other: Facts | None):
    for (template_id, table_id), positions in prepared.positions.items():
        if facts.templates.get(table_id) != template_id:
            continue
        if other is not None and "" not in prepared.relations and other.templates.get(table_id) != template_id:
            # a relation written per template: the two years follow different formats, and their
            # counts are not the same thing (2019 对外公开总数量 vs 2021 现行有效件数). One written for
            # every template names cells that mean the same in both (表三 二, 四): compared by id
            continue
        for position in positions:
            sides = [_side(position.lhs, facts, others), _side(position.rhs, facts, others)]
            if None in sides:
                continue  # a cell not read, blank or not a number: not evaluated
            (lhs, left), (rhs, right) = sides
            if abs(lhs - rhs) < 1e-9:
                continue
            yield _mismatch(prepared, facts, other, table_id, position, lhs, rhs, left + right, others)


def _side(terms, facts: Facts, others: dict[str, list[Facts]]):
    total, cells = 0, []
    for scope, key in terms:
        for report in ([facts] if not scope else others[scope]):
            cell = report.cells.get(key)
            if cell is None or cell.number is None:
                return None
            total += cell.number
            cells.append((scope, report, key, cell))
    return total, cells


def _mismatch(prepared, facts: Facts, other: Facts | None, table_id: str, position: Position, lhs, rhs,
              cells, others) -> CrossFinding:
    own = [c for c in cells if not c[0]]
    scope, _, key, at = (own or cells)[0]
    related = [Pointer(report.path, cell, *_cell_note(scope, report, key, prepared.labels[key], cell))
               for scope, report, key, cell in cells if cell is not at]
    year = facts.year
    params = {
        "where": position.where, "table": table_id, "lhs": fmt(lhs), "rhs": fmt(rhs), "diff": fmt(abs(lhs - rhs)),
        "relation": prepared.relations.get(facts.templates.get(table_id, ""), "") or prepared.relations.get("", ""),
        "terms": _terms(position, cells, prepared.labels), "year": year or "", "agency": facts.agency,
        "other_year": other.year if other is not None else year or "",
        "other": other.path if other is not None else "",
        "count": len(others.get("children", [])), "missing": "",
        # the cell the finding is at: as written, and what the relation makes it (the other terms kept)
        "actual": fmt(at.number),
        "expected": fmt(at.number + (rhs - lhs if own and _on_left(position, key) else lhs - rhs)),
    }
    # a rule may say a mismatch differently by template (X002: "2019", "2021"); else by its name (X003:
    # `mismatch` beside `not_assessable`), whatever the order of its messages (`_named`)
    return CrossFinding(facts.path, at, params, related, logical=f"{table_id}/{'/'.join(key[1:])}",
                        variant=facts.templates[table_id])


def _on_left(position: Position, key: Key) -> bool:
    return any(k == key and not scope for scope, k in position.lhs)


def _cell_note(scope: str, report: Facts, key: Key, label: str, cell: Located) -> tuple[str, str]:
    value = cell.raw or "（空白）"
    if not scope:
        return f"本报告{label}：{value}", f"this report, {label}: {cell.raw or '(blank)'}"
    return (f"{report.year}年度报告（{report.path}）{label}：{value}",
            f"the {report.year} report ({report.path}), {label}: {cell.raw or '(blank)'}")


def _terms(position: Position, cells, labels: dict[Key, str]) -> tuple[str, str]:
    """The relation with its numbers, as a person checks it: 二「总计」 1 ≠ previous(四「总计」) 2."""
    values: dict[tuple[str, Key], float] = {}
    for scope, _, key, cell in cells:
        values[(scope, key)] = values.get((scope, key), 0) + cell.number

    def side(terms, lang):
        parts = []
        for scope, key in terms:
            label = _NAMES[scope][0 if lang == "zh" else 1] if scope else ""
            parts.append(f"{label + ' ' if label else ''}{labels[key]} {fmt(values[(scope, key)])}")
        return " + ".join(parts)

    return (f"{side(position.lhs, 'zh')} ≠ {side(position.rhs, 'zh')}",
            f"{side(position.lhs, 'en')} ≠ {side(position.rhs, 'en')}")


def _not_assessable(facts: Facts, missing: list[str], count: int) -> CrossFinding:
    at = facts.title or Located(None, "", 1, 1, 1, 1)
    params = {"where": ("", ""), "table": "", "lhs": "", "rhs": "", "diff": "", "relation": "", "terms": ("", ""),
              "year": facts.year or "", "other_year": facts.year or "", "other": "", "agency": facts.agency,
              "missing": "、".join(missing), "count": count, "actual": "", "expected": ""}
    return CrossFinding(facts.path, at, params, logical="hierarchy", variant="not_assessable", severity="info")
