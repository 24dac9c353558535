"""C005: a figure stated in the prose (收到申请N件, 结转下年度N件, 行政复议N件 …) contradicts the table.

Each YAML `figures` entry is a pattern with a named group `n` and the cells whose sum it states
(`equals_any`: alternatives, e.g. 受理 = 新收, or 新收 + 上年结转). Every match in the prose is
checked; a figure whose cells are not all aligned is not checked.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Finding, Related, Span
from ._common import cell_name, fmt, number, selected


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_QUANTIFIERS = "?*+{"


@lru_cache(maxsize=None)
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


_FIGURE = re.compile(r"\d\s*(?:件|起)|(?:件|起)[^。,]{0,14}行政")  # states some count: worth the patterns


def _sum(report, alternative: dict):
    table = report.tables.get(alternative["table"])
    if table is None:
        return None
    spec = table.spec
    rows = selected([r.id for r in spec.value_rows], alternative.get("rows"))
    cols = selected([c.id for c in spec.columns], alternative.get("columns"))
    cells = [(r, c, table.cell(r, c)) for r in rows for c in cols]
    if not cells or any(cell is None or number(cell) is None for _, _, cell in cells):
        return None
    return sum(number(cell) for _, _, cell in cells), [(table, r, c, cell) for r, c, cell in cells]


def check(rule, report):
    figures = rule.options["figures"]
    seen: dict[str, int] = {}  # occurrences per figure: a logical location that survives line shifts
    tables = None  # the lines of the tables: prose is what they are not (worked out if a line needs it)
    for line in report.doc.lines:
        text = line.text
        if ("件" not in text and "起" not in text) or not _FIGURE.search(text):  # a substring test is cheaper
            continue
        if tables is None:
            tables = set().union(*(t.lines() for t in report.tables.values()))
        if line.number in tables:
            continue
        for figure in figures:
            if required_text(figure["pattern"]) not in text:
                continue
            for match in _compiled(figure["pattern"]).finditer(text):
                stated = int(match.group("n"))
                seen[figure["what"]] = seen.get(figure["what"], 0) + 1
                sums = [s for s in (_sum(report, alt) for alt in figure["equals_any"]) if s is not None]
                if not sums or any(total == stated for total, _ in sums):
                    continue
                total, cells = sums[0]
                span = Span(line.number, match.start("n") + 1, line.number, match.end("n") + 1)
                related = [Related(c.span.line, c.span.column, f"{cell_name(t, r, col)[0]} = {c.raw or '空白'}",
                                   f"{cell_name(t, r, col)[1]} = {c.raw or 'blank'}") for t, r, col, c in cells]
                yield Finding(span, {"what": figure["what"], "what_en": figure.get("what_en", figure["what"]),
                                     "stated": stated, "table": fmt(total)},
                              related, logical=f"narrative/{figure['what']}/{seen[figure['what']]}")
