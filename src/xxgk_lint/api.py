"""xxgk-lint for programs and notebooks: `lint()` and `extract()` give plain records.

    import xxgk_lint
    findings = xxgk_lint.lint("reports/")          # every report below the folder
    cells = xxgk_lint.extract("reports/2024.pdf")  # one record per table cell

    import pandas as pd                            # not a dependency: records are plain dicts
    pd.DataFrame(cells).pivot_table(index=["agency", "year"], columns=["table", "row", "column"], values="number")

Both read a file or a folder (its report files: .txt, .md, .html, .docx, .pdf; .doc/.wps/.odt with
LibreOffice) with the bundled rules and templates, as `xxgk-lint check --isolated` does; `template`
and `year` override what the report says of itself, for every file. A file that cannot be read gives
its P001 finding from `lint()` and no cells from `extract()`; a path that does not exist raises
FileNotFoundError.
"""
from __future__ import annotations

import os
from typing import TypedDict

from .checks.engine import lint_with_facts, parse
from .checks.ruleset import load_rules
from .pipeline.figures import figures
from .pipeline.report import Report
from .run import corpus
from .run.config import Settings
from .run.discovery import discover
from .run.runner import Plan


class Finding(TypedDict, total=False):
    """One finding, as `xxgk-lint check --format json` writes it."""

    path: str
    line: int  # 1-based, in the file (HTML: its source; .docx/.pdf: the text as read, `xxgk-lint text`)
    column: int  # 1-based, in code points
    end_line: int
    end_column: int  # exclusive
    code: str  # C001 …
    name: str  # row-total-mismatch …
    severity: str  # error | warning | info
    message: str
    related: list[dict]  # {line, column, message[, place]}: the addends of a sum, …
    place: dict  # .docx/.pdf: page, page_line, paragraph, table, row, column (those that apply), quote


class Cell(TypedDict):
    """One value cell of a report's tables (long form: a row of a spreadsheet)."""

    path: str
    agency: str  # from the title: 淮安市洪泽区人民政府 ("" when the report has no title)
    year: int | None  # the year the report is on
    template: str  # 2021 | 2019: the format the table follows
    table: str  # template id: 二.一, 三, 四
    table_name: str
    row: str  # template id: 一, 三.三.1, 数据
    row_label: str
    column: str  # template id: 自然人, 总计, 复议.维持
    column_label: str
    value: str  # as written
    number: int | float | None  # None: blank or not a number
    line: int  # where the cell stands in the text as read (as a finding's line and column)
    col: int
    page: int | None  # .pdf
    page_line: int | None
    paragraph: int | None  # .docx
    doc_table: int | None  # .docx/.pdf: the document's own table, row and column
    doc_row: int | None
    doc_column: int | None


def _files(path: str | os.PathLike) -> list[str]:
    name = os.fspath(path)
    if not os.path.exists(name):
        raise FileNotFoundError(name)
    files, _ = discover([name], [], respect_gitignore=False)
    return files


def _read(name: str) -> bytes:
    with open(name, "rb") as handle:
        return handle.read()


def lint(path: str | os.PathLike, *, lang: str = "zh", template: str | None = None,
         year: int | None = None) -> list[Finding]:
    """The findings of the report at `path`, or of every report below a folder (and those across
    the folder's reports: X001–X005)."""
    rules = load_rules([])
    plan = Plan(rules, Settings(), lang, template)
    wanted = corpus.wanted(plan)
    out: list[Finding] = []
    reports = []
    for name in _files(path):
        found, facts = lint_with_facts(name, _read(name), rules, lang, template, year, wanted=wanted)
        out += [d.as_dict() for d in found]
        if facts is not None:
            reports.append(facts)
    # the reports of a folder are also checked against each other (X001–X005), as by the command line
    return out + [d.as_dict() for d in corpus.findings(plan, reports, [])]


def extract(path: str | os.PathLike, *, template: str | None = None, year: int | None = None) -> list[Cell]:
    """Every value cell of the report at `path`, or of every report below a folder, as the checks read it."""
    out: list[Cell] = []
    for name in _files(path):
        report = parse(name, _read(name), template, year)
        if isinstance(report, Report):
            out += figures(report)
    return out
