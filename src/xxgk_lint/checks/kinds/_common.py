"""Helpers shared by the rule kinds.

For `prepare(options, context)`, when the rules load: the context options are prepared in, the
error that points into the rule file, rule patterns, work kept per template table, and the names of
tables, rows, columns and parts checked against the templates (a rule that loads must never fail
while linting). For `check(rule, report)`: the tables and odd cells of a report, numbers, names of
places. (One module, not two: each module loaded costs every run, bench/startup.py.)"""
from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache

from ...model import BLANK, JUNK, NUMBER, Cell, Span
from ...pipeline.aligned import AlignedTable
from ...pipeline.report import Report
from ...pipeline.tables import amount
from ...pipeline.template import TableSpec, Template
from ...speed import Record
from ..patterns import compile_pattern, regex_problem

# ---------------------------------------------------------------- ids and wildcards

def selected(ids: list[str], patterns: list[str] | None) -> list[str]:
    """Ids matching any pattern (`*` wildcards: `三.三*` is 三.三 and its sub-rows); all if None."""
    if patterns is None:
        return list(ids)
    return list(_selected(tuple(ids), tuple(patterns)))


@lru_cache(maxsize=4096)
def _selected(ids: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in ids if any(star_match(i, p) for p in patterns))


def star_match(text: str, pattern: str) -> bool:
    """fnmatchcase for patterns whose only wildcard is `*` (selectors are written so), without
    fnmatch's regex: compiling one per distinct pattern cost more than a lint on every run."""
    if "?" in pattern or "[" in pattern:  # other wildcards: fnmatch itself
        return fnmatchcase(text, pattern)
    if "*" not in pattern:
        return text == pattern
    first, *middle, last = pattern.split("*")
    if len(text) < len(first) + len(last) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for part in middle:
        position = text.find(part, position, end)
        if position < 0:
            return False
        position += len(part)
    return True


def row_ids(spec: TableSpec) -> tuple[str, ...]:
    """The rows of a table that hold values (a caption over sub-rows holds none)."""
    return tuple(r.id for r in spec.value_rows)


def column_ids(spec: TableSpec) -> tuple[str, ...]:
    return tuple(c.id for c in spec.columns)


# ---------------------------------------------------------------- preparing options

class Context(Record):
    """What a rule's options are prepared with: the templates by id, and whether the rule is
    bundled. A bundled (`trusted`) rule was checked as a user's rule is when the rule pack was
    built, so its kind only compiles its options: checking them again would cost every run
    (bench/startup.py)."""

    __slots__ = ("templates", "trusted")

    def __init__(self, templates: dict[str, Template], trusted: bool) -> None:
        self.templates = templates
        self.trusted = trusted


class OptionError(ValueError):
    """An option that cannot be used. `where`: the keys into the rule of the node to point at; with
    `needle`, the loader points at that text in the node's line (at the value when `needle` is ''
    or not found there)."""

    def __init__(self, message: str, where: list, needle: str | None = None) -> None:
        super().__init__(message)
        self.message, self.where, self.needle = message, where, needle


# ---------------------------------------------------------------- patterns

class Pattern:
    """A rule's pattern, compiled by `checks.patterns.compile_pattern`: a user's when its rule
    loads, a bundled one when first used (compiling them all would cost more than the lint on
    every run: bench/startup.py). Pickled as its text: a worker process compiles it again."""

    __slots__ = ("text", "trusted", "_compiled")

    def __init__(self, text: str, trusted: bool) -> None:
        self.text = text
        self.trusted = trusted
        self._compiled = None if trusted else compile_pattern(text, False)

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = compile_pattern(self.text, self.trusted)
        return self._compiled

    def __reduce__(self):
        return Pattern, (self.text, self.trusted)

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"


def pattern(text: str, where: list, context: Context) -> Pattern:
    """A rule's pattern; a user's is refused when it cannot be compiled or may backtrack
    catastrophically."""
    if not context.trusted:
        problem = regex_problem(text)
        if problem:
            raise OptionError(problem, where)
    return Pattern(text, context.trusted)


# ---------------------------------------------------------------- work per table

class PerTable:
    """What a rule works out for one table of a template, `work(spec, *args)` (the cells it names,
    its relations with wildcards expanded): the same for every report, so worked out once per table
    and kept here, on the rule's prepared options. `work` is a module's function, so that rules
    can be pickled (to worker processes, which work it out again for their own templates)."""

    __slots__ = ("_work", "_args", "_done")

    def __init__(self, work, *args) -> None:
        self._work = work
        self._args = args
        self._done: dict[TableSpec, object] = {}  # TableSpecs hash by identity; the dict keeps them alive

    def __call__(self, spec: TableSpec):
        done = self._done.get(spec)
        if done is None:
            done = self._done[spec] = self._work(spec, *self._args)
        return done

    def __reduce__(self):
        return PerTable, (self._work, *self._args)

    def __len__(self) -> int:
        return len(self._done)


# ---------------------------------------------------------------- names in the templates

def is_pattern(text: str) -> bool:
    """Does a name hold a wildcard (`*`, `?`, `[`)? (A scan, not a regex: this module loads on every run.)"""
    return any(wildcard in text for wildcard in "*?[")


def axis_ids(spec: TableSpec, axis: str) -> tuple[str, ...]:
    return row_ids(spec) if axis == "row" else column_ids(spec)


def unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def listing(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (" …" if len(ids) > limit else "")


def matches(ids, pattern: str) -> list[str]:
    return [i for i in ids if star_match(i, pattern)]


def _templates(context: Context) -> list[Template]:
    return [context.templates[tid] for tid in sorted(context.templates)]


def table_ids(context: Context) -> list[str]:
    return unique(t.id for template in _templates(context) for t in template.tables)


def tables(context: Context, patterns: list[str] | None) -> list[tuple[str, TableSpec]]:
    """(template id, table) for every table the patterns select (all tables if None)."""
    return [(template.id, t) for template in _templates(context) for t in template.tables
            if patterns is None or any(star_match(t.id, p) for p in patterns)]


def unknown_table(pattern: str, context: Context) -> str:
    return f"unknown table `{pattern}` (tables: {listing(table_ids(context), 20)})"


def check_tables(patterns: list[str], where: list, context: Context) -> None:
    """Every table pattern names a table of some template."""
    for i, table in enumerate(patterns):
        if not matches(table_ids(context), table):
            raise OptionError(unknown_table(table, context), where + [i])


def unknown_id(term: str, axis: str, chosen: list[tuple[str, TableSpec]], other_hint: str = "") -> str:
    """The message for a row or column pattern that names nothing in the chosen tables."""
    names = unique(t.id for _, t in chosen)
    if axis == "row":
        groups = [t.id for _, t in chosen if term in (r.id for r in t.rows if r.group)]
        if groups:
            return (f"row `{term}` of table {groups[0]} is a caption over sub-rows with no values of its own; "
                    f"write `{term}*` for its sub-rows")
    if len(names) == 1:
        ids = unique(i for _, t in chosen for i in axis_ids(t, axis))
        return f"unknown {axis} `{term}` in table {names[0]}{other_hint} ({axis}s: {listing(ids)})"
    return f"unknown {axis} `{term}`: no table among {listing(names, 20)} has such a {axis}{other_hint}"


def check_ids(patterns: list[str], axis: str, chosen: list[tuple[str, TableSpec]], where: list) -> None:
    """Every row (or column) pattern names a row (column) of one of the chosen tables."""
    for i, term in enumerate(patterns):
        if not any(matches(axis_ids(t, axis), term) for _, t in chosen):
            raise OptionError(unknown_id(term, axis, chosen), where + [i], term)


def check_parts(patterns: list[str], where: list, context: Context) -> None:
    """Every part pattern names a part of some template (unless the rule is bundled)."""
    if context.trusted:
        return
    parts = unique(s.id for template in _templates(context) for s in template.sections)
    for i, part in enumerate(patterns):
        if not matches(parts, part):
            raise OptionError(f"unknown part `{part}` (parts: {listing(parts)})", where + [i], part)


def table_patterns(options: dict, context: Context) -> list[str] | None:
    """The `tables` option of the kinds that take one (all tables when absent), checked unless the
    rule is bundled."""
    if not context.trusted:
        check_tables(options.get("tables", []), ["tables"], context)
    return options.get("tables")


# ---------------------------------------------------------------- checking a report

def tables_of(report: Report, patterns: list[str] | None) -> list[AlignedTable]:
    ids = selected(list(report.tables), patterns)  # the tables of the templates the parts follow
    return [report.tables[i] for i in ids]


def odd_cells(report: Report) -> dict[str, list[tuple[AlignedTable, str, str, Cell]]]:
    """The aligned cells that are not a plain count, by what they are: `blank`, `junk` (not a
    number), `signed` (a sign, a fraction or thousands separators) and `written` (a number not in
    plain half-width figures: full-width digits or thousands separators). Few in any report, so the
    cell checks look at these instead of every cell; worked out once per report."""
    if "odd_cells" not in report.derived:
        odd: dict[str, list] = {"blank": [], "junk": [], "signed": [], "written": []}
        for table in report.tables.values():
            ids = column_ids(table.spec)
            for row_id, match in table.rows.items():
                for col_id, cell in zip(ids, match.values or ()):
                    kind = cell.kind
                    if kind is BLANK:
                        odd["blank"].append((table, row_id, col_id, cell))
                    elif kind is JUNK:
                        odd["junk"].append((table, row_id, col_id, cell))
                    else:
                        text = cell.text
                        if not text.isdigit():
                            odd["signed"].append((table, row_id, col_id, cell))
                        # (most cells' raw text is their text, the same object: no comparison)
                        if kind is NUMBER and ((cell.raw is not text and cell.raw != text) or "," in text):
                            odd["written"].append((table, row_id, col_id, cell))
        report.derived["odd_cells"] = odd
    return report.derived["odd_cells"]


def number(cell: Cell):
    """The cell's number; a blank counts as 0 (its own N001 says so); None if not a number."""
    if cell.kind is BLANK:
        return 0
    if cell.kind is not NUMBER:
        return None
    return amount(cell.text)


def fmt(value) -> str:
    text = str(value) if isinstance(value, int) else format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def row_name(table: AlignedTable, row_id: str) -> str:
    return next(r.label for r in table.spec.rows if r.id == row_id)


def column_name(table: AlignedTable, col_id: str) -> str:
    return next(c.label for c in table.spec.columns if c.id == col_id)


def cell_name(table: AlignedTable, row_id: str, col_id: str) -> tuple[str, str]:
    """(zh, en) name of a cell, e.g. 表三「（七）总计」行「自然人」列."""
    row, col = row_name(table, row_id), column_name(table, col_id)
    title = table_title(table)
    if table.spec.rows[0].unlabelled:
        return f"{title[0]}「{col}」", f"{title[1]} '{col}'"
    if len(table.spec.columns) == 1:
        return f"{title[0]}「{row}」", f"{title[1]} row '{row}'"
    return f"{title[0]}「{row}」行「{col}」列", f"{title[1]} row '{row}', column '{col}'"


_ARABIC = {"三": "3", "四": "4"}


def table_title(table: AlignedTable) -> tuple[str, str]:
    spec = table.spec
    if spec.section == "二":
        return f"表二{spec.name}", f"table 2 ({spec.name})"
    return f"表{spec.id}", f"table {_ARABIC.get(spec.id, spec.id)}"


def logical(table: AlignedTable, row_id: str = "", col_id: str = "") -> str:
    return "/".join(p for p in (f"表{table.spec.id}", row_id, col_id) if p)


def where_table_belongs(report: Report, table: AlignedTable) -> Span:
    """Where a missing table should stand: the next table's caption, else its part's heading."""
    tables = [t.spec for t in report.tables.values()]
    later = tables[[t.id for t in tables].index(table.spec.id) + 1:]
    for spec in later:
        other = report.tables[spec.id]
        if other.found and other.anchor and spec.section == table.spec.section:
            return other.anchor
    section = report.sections.get(table.spec.section)
    if section:
        return section.heading.span
    return Span.at(1, 1)
