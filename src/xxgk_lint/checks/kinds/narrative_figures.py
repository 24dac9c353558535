"""C005: a figure stated in the prose (收到申请N件, 结转下年度N件, 行政复议N件 …) contradicts the table.

Each YAML `figures` entry is a pattern with a named group `n` and the cells whose sum it states
(`equals_any`: alternatives, e.g. 受理 = 新收, or 新收 + 上年结转). An alternative with `sentence`
words counts only when the sentence holding the figure contains one of them (收到申请N件 is 新收
alone, or 新收 + 上年结转 when the sentence itself speaks of 结转); words, not a pattern: they are
looked for as written, in the text as read for matching (Simplified, half-width). Every match in the prose is checked; a
figure whose cells are not all aligned is not checked.
"""
from __future__ import annotations

import re

from ...model import BLANK, Finding, Related, Span
from ..patterns import figure_group_problem
from ._common import (
    Context,
    OptionError,
    Pattern,
    PerTable,
    cell_name,
    check_ids,
    column_ids,
    column_name,
    fmt,
    is_pattern,
    listing,
    number,
    pattern,
    row_ids,
    row_name,
    selected,
    table_ids,
    table_title,
    tables,
)

PLACEHOLDERS = frozenset({"what", "what_en", "stated", "table", "sum_of", "sentence"})


class Figure:
    """A figure the prose may state: its pattern, the text every match contains, and the cells
    whose sum it states (alternatives: (table id, `cells(spec)` → the (row, column) pairs, the
    words one of which the figure's sentence must hold for the alternative to count, or None))."""

    __slots__ = ("what", "what_en", "pattern", "alternatives", "_required")

    def __init__(self, what: str, what_en: str, pattern: Pattern,
                 alternatives: list[tuple[str, PerTable, tuple[str, ...] | None]]) -> None:
        self.what = what
        self.what_en = what_en
        self.pattern = pattern
        self.alternatives = alternatives
        self._required: str | None = None

    @property
    def required(self) -> str:
        """`required_text` of the pattern, worked out when first needed: a run whose findings come
        from the result cache never needs it (bench/startup.py)."""
        if self._required is None:
            self._required = required_text(self.pattern.text)
        return self._required


def prepare(options: dict, context: Context) -> list[Figure]:
    figures = options["figures"]
    patterns = [pattern(f["pattern"], ["figures", i, "pattern"], context) for i, f in enumerate(figures)]
    if not context.trusted:
        _check_figures(figures, context)
    return [Figure(f["what"], f.get("what_en", f["what"]), compiled,
                   [(alt["table"], PerTable(_cells, alt), tuple(alt["sentence"]) if "sentence" in alt else None)
                    for alt in f["equals_any"]])
            for f, compiled in zip(figures, patterns)]


def _check_figures(figures: list[dict], context: Context) -> None:
    """The group `n` of each pattern reads a number; each alternative names cells that exist."""
    for i, figure in enumerate(figures):
        problem = figure_group_problem(figure["pattern"])
        if problem:
            raise OptionError(problem, ["figures", i, "pattern"])
    for i, figure in enumerate(figures):
        for k, alternative in enumerate(figure["equals_any"]):
            _check_alternative(alternative, ["figures", i, "equals_any", k], context)


def _check_alternative(alternative: dict, where: list, context: Context) -> None:
    """One table (not a pattern) that exists, and rows and columns that exist in it."""
    table = alternative["table"]
    if is_pattern(table) or table not in table_ids(context):
        why = ": `table` takes one table id, not a pattern" if is_pattern(table) else ""
        raise OptionError(f"unknown table `{table}`{why} (tables: {listing(table_ids(context), 20)})",
                          where + ["table"], table)
    selected_tables = [(tid, t) for tid, t in tables(context, None) if t.id == table]
    for key, axis in (("rows", "row"), ("columns", "column")):
        check_ids(alternative.get(key, []), axis, selected_tables, where + [key])


def _cells(spec, alternative: dict) -> list[tuple[str, str]]:
    rows = selected(row_ids(spec), alternative.get("rows"))
    cols = selected(column_ids(spec), alternative.get("columns"))
    return [(r, c) for r in rows for c in cols]


_QUANTIFIERS = "?*+{"


def required_text(pattern: str) -> str:
    """The longest run of Chinese characters that every match of `pattern` contains, read off its
    top level (outside groups, classes and escapes, and not under a quantifier); "" when there is
    none or the pattern is past this reading (a top-level `|`, verbose mode). A line without it
    cannot match, so the pattern is neither compiled nor run: compiling all of them costs more
    than linting the report."""
    if "(?#" in pattern or re.search(r"\(\?[a-zA-Z]*x", pattern) or re.search(r"\{(?!\d*,?\d*\})", pattern):
        return ""  # comments, verbose mode, a `{` that is not a quantifier: past this reading
    runs, run, i = [], "", 0
    while i < len(pattern):
        ch = pattern[i]
        if "\u3400" <= ch <= "\u9fff" and not pattern.startswith(tuple(_QUANTIFIERS), i + 1):
            run, i = run + ch, i + 1
            continue
        runs.append(run)
        run = ""
        if ch == "|" or ch == ")":
            return ""  # an alternative at the top level, or a pattern that does not compile
        end = _token_end(pattern, i)
        if end is None:
            return ""
        i = _after_quantifier(pattern, end)
    return max([*runs, run], key=len)


def _token_end(pattern: str, i: int) -> int | None:
    """Where the token at `i` ends: a group, a class, an escape or one character."""
    ch = pattern[i]
    if ch == "\\":
        return i + 2
    if ch == "[":
        j = i + 1 + (pattern[i + 1:i + 2] == "^")
        j += pattern[j:j + 1] == "]"  # a `]` first in a class is a character
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1 if j < len(pattern) else None
    if ch == "(":
        depth, j = 0, i
        while j < len(pattern):
            if pattern[j] == "\\":
                j += 2
                continue
            if pattern[j] == "[":
                j = _token_end(pattern, j)
                if j is None:
                    return None
                continue
            depth += {"(": 1, ")": -1}.get(pattern[j], 0)
            j += 1
            if depth == 0:
                return j
        return None
    return i + 1


def _after_quantifier(pattern: str, i: int) -> int:
    if pattern.startswith("{", i):
        close = pattern.find("}", i)
        i = close + 1 if close > 0 else i + 1
    elif pattern.startswith(("?", "*", "+"), i):
        i += 1
    return i + 1 if pattern.startswith(("?", "+"), i) else i  # lazy or possessive


_SENTENCE_END = re.compile(r"[。;!?]")


_WRAPPED = 4  # lines a sentence may run over before or after the figure's (PDF text wraps every line)


def _sentence(lines: list, index: int, start: int, end: int) -> str:
    """The sentence holding lines[index].text[start:end]: up to the sentence marks around it, over
    the line breaks of wrapped text (a blank line, or a line ending in one, ends a sentence)."""
    text = lines[index].text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    before = text[ends[-1]:start] if ends else text[:start]
    j = index - 1
    while not ends and j >= 0 and index - j <= _WRAPPED:
        previous = lines[j].text.rstrip()
        if not previous.strip() or _SENTENCE_END.match(previous[-1:]):
            break
        ends = [m.end() for m in _SENTENCE_END.finditer(previous)]
        before = (previous[ends[-1]:] if ends else previous) + before
        j -= 1
    stop = _SENTENCE_END.search(text, end)
    after = text[end:stop.start()] if stop else text[end:]
    j = index + 1
    while stop is None and j < len(lines) and j - index <= _WRAPPED and lines[j].text.strip():
        stop = _SENTENCE_END.search(lines[j].text)
        after += lines[j].text[:stop.start()] if stop else lines[j].text
        j += 1
    return before + text[start:end] + after


_FIGURE = re.compile(r"\d\s*(?:件|起)|(?:件|起)[^。,]{0,14}行政")  # states some count: worth the patterns


def _sum(report, alternative: tuple[str, PerTable, tuple[str, ...] | None]):
    table_id, cells_of, _ = alternative
    table = report.tables.get(table_id)
    if table is None:
        return None
    cells = [(r, c, table.cell(r, c)) for r, c in cells_of(table.spec)]
    if not cells or any(cell is None or cell.kind is BLANK or number(cell) is None for _, _, cell in cells):
        return None  # a blank cell states nothing to compare with (its N001 says so)
    return sum(number(cell) for _, _, cell in cells), [(table, r, c, cell) for r, c, cell in cells]


def _sum_name(cells) -> tuple[str, str]:
    """(zh, en) name of the cells a sum adds: 表三「一、…」与「二、…」的「总计」 when they share a
    table and a column, else each cell's own name."""
    tables_, columns = {id(t) for t, _, _, _ in cells}, {col for _, _, col, _ in cells}
    if len(tables_) == 1 and len(columns) == 1 and len(cells) > 1 and not cells[0][0].spec.rows[0].unlabelled:
        table, col = cells[0][0], cells[0][2]
        title, column = table_title(table), column_name(table, col)
        rows = [row_name(table, r) for _, r, _, _ in cells]
        return (title[0] + "与".join(f"「{r}」" for r in rows) + f"的「{column}」",
                f"{title[1]} rows " + " and ".join(f"'{r}'" for r in rows) + f", column '{column}'")
    names = [cell_name(t, r, col) for t, r, col, _ in cells]
    return "与".join(n[0] for n in names), " and ".join(n[1] for n in names)


def check(rule, report):
    figures = rule.prepared
    seen: dict[str, int] = {}  # occurrences per figure: a logical location that survives line shifts
    tables = None  # the lines of the tables: prose is what they are not (worked out if a line needs it)
    lines = report.doc.lines
    for index, line in enumerate(lines):
        text = line.text
        if ("件" not in text and "起" not in text) or not _FIGURE.search(text):  # a substring test is cheaper
            continue
        if tables is None:
            tables = set().union(*(t.lines() for t in report.tables.values()))
        if line.number in tables:
            continue
        for figure in figures:
            if figure.required not in text:
                continue
            for match in figure.pattern.compiled.finditer(text):
                stated = int(match.group("n"))
                seen[figure.what] = seen.get(figure.what, 0) + 1
                sentence = None  # worked out when an alternative asks
                active, inactive = [], []
                for alternative in figure.alternatives:
                    condition = alternative[2]
                    if condition is not None and sentence is None:
                        sentence = _sentence(lines, index, match.start(), match.end())
                    counts = condition is None or any(word in sentence for word in condition)
                    (active if counts else inactive).append((alternative, condition))
                sums = [s for s in (_sum(report, alt) for alt, _ in active) if s is not None]
                if not sums or any(total == stated for total, _ in sums):
                    continue
                total, cells = sums[0]
                span = Span(line.number, match.start("n") + 1, line.number, match.end("n") + 1)
                related = [Related(c.span.line, c.span.column, f"{cell_name(t, r, col)[0]} = {c.raw or '空白'}",
                                   f"{cell_name(t, r, col)[1]} = {c.raw or 'blank'}") for t, r, col, c in cells]
                params = {"what": figure.what, "what_en": figure.what_en, "stated": stated, "table": fmt(total)}
                variant = ""
                # the figure is a sum the rule accepts only in other words: say which, and what it needs
                for alternative, condition in inactive:
                    other = _sum(report, alternative)
                    if other is not None and other[0] == stated:
                        params = {**params, "sum_of": _sum_name(other[1]), "sentence": "」「".join(condition)}
                        variant = "sentence"
                        break
                yield Finding(span, params, related, logical=f"narrative/{figure.what}/{seen[figure.what]}",
                              variant=variant)
