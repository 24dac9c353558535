"""C005, C006: what the prose states (收到申请N件, 结转下年度N件 …; 均已办结, 未收到申请) contradicts the table.

Each YAML `figures` entry is a pattern and the cells whose sum it states (`equals_any`: alternatives,
e.g. 受理 = 新收, or 新收 + 上年结转). The figure is the pattern's named group `n`, or the constant
`stated` for a phrase that states a figure without a number (均已办结: 结转下年度 = 0). An alternative
with `sentence` words counts only when the sentence holding the figure contains one of them (收到申请N件
is 新收 alone, or 新收 + 上年结转 when the sentence itself speaks of 结转). A figure with `about` words
counts only when what it speaks of does: its clause, or the nearest clause before it in its sentence
that holds a word of `about` or `not_about`, must hold one of `about` and none of `not_about` (the
figure's own text counts for `about` only; asides in brackets are left out; 「除……外，」 belongs to the
clause after it); with `not_in_sentence` words, not when its sentence holds one outside the figure.
Words, not patterns: they are looked for as written, in the text as read for matching (Simplified,
half-width). Every match in the prose is checked; a figure whose cells are not all aligned (or blank)
is not checked.
"""
from __future__ import annotations

import re

from ...model import BLANK, Finding, Related, Span
from ..patterns import figure_group_problem
from ._prose import around, gate, required_words, speaks_of
from ._prose import required_text  # noqa: F401 (read here by the tests)
from ._prose import sentence as _sentence
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

PLACEHOLDERS = frozenset({"what", "what_en", "stated", "table", "sum_of", "sentence", "quote", "cells"})


class Figure:
    """A figure the prose may state: its pattern, the words every match holds, and the cells
    whose sum it states (alternatives: (table id, `cells(spec)` → the (row, column) pairs, the
    words one of which the figure's sentence must hold for the alternative to count, or None));
    `stated`, the figure when the pattern reads none; `words`, (about, not_about, not_in_sentence)."""

    __slots__ = ("what", "what_en", "pattern", "alternatives", "stated", "words", "_required")

    def __init__(self, what: str, what_en: str, pattern: Pattern,
                 alternatives: list[tuple[str, PerTable, tuple[str, ...] | None]],
                 stated: int | None = None, words: tuple[tuple[str, ...], ...] = ((), (), ())) -> None:
        self.what = what
        self.what_en = what_en
        self.pattern = pattern
        self.alternatives = alternatives
        self.stated = stated
        self.words = words
        self._required: tuple[tuple[str, ...], ...] | None = None

    @property
    def required(self) -> tuple[tuple[str, ...], ...]:
        """`required_words` of the pattern, worked out when first needed: a run whose findings come
        from the result cache never needs it (bench/startup.py)."""
        if self._required is None:
            self._required = required_words(self.pattern.text) or (("",),)
        return self._required

    def may_match(self, text: str) -> bool:
        """Does `text` hold a word of each group of `required`?"""
        for words in self.required:
            for word in words:
                if word in text:
                    break
            else:
                return False
        return True


def prepare(options: dict, context: Context) -> list[Figure]:
    figures = options["figures"]
    patterns = [pattern(f["pattern"], ["figures", i, "pattern"], context) for i, f in enumerate(figures)]
    if not context.trusted:
        _check_figures(figures, context)
    return [Figure(f["what"], f.get("what_en", f["what"]), compiled,
                   [(alt["table"], PerTable(_cells, alt), tuple(alt["sentence"]) if "sentence" in alt else None)
                    for alt in f["equals_any"]],
                   f.get("stated"), tuple(tuple(f.get(key, ())) for key in _WORDS))
            for f, compiled in zip(figures, patterns)]


_WORDS = ("about", "not_about", "not_in_sentence")


def _check_figures(figures: list[dict], context: Context) -> None:
    """The group `n` of each pattern reads a number (a figure with `stated` has no such group);
    each alternative names cells that exist."""
    for i, figure in enumerate(figures):
        if "stated" in figure:
            problem = re.search(r"\(\?P?<n>", figure["pattern"]) is not None and (
                "a figure with `stated` reads no number: its pattern must not have a group `n`")
        else:
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
    lines = report.doc.lines
    for index, chosen in _prose_lines(figures, report):
        text = lines[index].text
        for figure in chosen:
            for match in figure.pattern.compiled.finditer(text):
                stated = int(match.group("n")) if figure.stated is None else figure.stated
                seen[figure.what] = seen.get(figure.what, 0) + 1
                sentence = None  # worked out when asked for
                if any(figure.words):
                    sentence = around(lines, index, match.start(), match.end())
                    if not speaks_of(figure.words, sentence[0], match.group(), sentence[1]):
                        continue
                    sentence = sentence[0] + match.group() + sentence[1]
                active, inactive = [], []
                for alternative in figure.alternatives:
                    condition = alternative[2]
                    if condition is not None and sentence is None:
                        sentence = _sentence(lines, index, match.start(), match.end())
                    counted = condition is None or any(word in sentence for word in condition)
                    (active if counted else inactive).append((alternative, condition))
                sums = [s for s in (_sum(report, alt) for alt, _ in active) if s is not None]
                if not sums or any(total == stated for total, _ in sums):
                    continue
                yield _finding(report, figure, lines[index], match, stated, sums[0], inactive, seen[figure.what])


def _prose_lines(figures: list[Figure], report):
    """(index, the figures worth running there) for each line of prose: the figures with a number on
    a line stating some count, and every figure on a line holding a word of each of its groups."""
    counting = any(f.stated is None for f in figures)
    phrases = [f for f in figures if f.stated is not None]
    words = {w for f in phrases for w in f.required[0]}
    holds = gate(tuple(sorted(words))) if phrases and "" not in words else None
    lines = report.doc.lines
    for index in _prose(report):
        text = lines[index].text
        # a substring test is cheaper than the regex; one scan for the words of all the phrases
        if counting and ("件" in text or "起" in text) and _FIGURE.search(text) is not None:
            chosen = [f for f in figures if f.may_match(text)]
        elif phrases and (holds is None or holds(text) is not None):
            chosen = [f for f in phrases if f.may_match(text)]
        else:
            continue
        if chosen:
            yield index, chosen


def _prose(report) -> list[int]:
    """The indices of the lines that are not the tables', worked out once per report (C005 and C006
    both ask, and then look at these lines only)."""
    if "prose_lines" not in report.derived:
        tables = set().union(*(t.lines() for t in report.tables.values()))
        report.derived["prose_lines"] = [i for i, line in enumerate(report.doc.lines) if line.number not in tables]
    return report.derived["prose_lines"]


def _finding(report, figure: Figure, line, match, stated, found, inactive, occurrence: int) -> Finding:
    total, cells = found
    group = "n" if figure.stated is None else 0  # the number, or the whole phrase
    span = Span(line.number, match.start(group) + 1, line.number, match.end(group) + 1)
    related = [Related(c.span.line, c.span.column, f"{cell_name(t, r, col)[0]} = {c.raw or '空白'}",
                       f"{cell_name(t, r, col)[1]} = {c.raw or 'blank'}") for t, r, col, c in cells]
    params = {"what": figure.what, "what_en": figure.what_en, "stated": stated, "table": fmt(total),
              "quote": line.raw[match.start():match.end()], "cells": _sum_name(cells)}
    variant = ""
    # the figure is a sum the rule accepts only in other words: say which, and what it needs
    for alternative, condition in inactive:
        other = _sum(report, alternative)
        if other is not None and other[0] == stated:
            params = {**params, "sum_of": _sum_name(other[1]), "sentence": "」「".join(condition)}
            variant = "sentence"
            break
    return Finding(span, params, related, logical=f"narrative/{figure.what}/{occurrence}", variant=variant)
