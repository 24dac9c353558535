"""`xxgk-lint audit PATH... --output audit.html`: a corpus of reports judged for evaluators — one
self-contained HTML page (the corpus at a glance, a scorecard per report, each agency across years,
every finding) and beside it CSV files for spreadsheets (`output/audit/`).

    xxgk-lint audit reports/ --output out/audit.html            # out/audit.html, out/audit-*.csv
    xxgk-lint audit reports/ --output audit.html --rubric our-rubric.yaml --jobs 2

Reports are linted as `check` lints them (configuration, rules, suppressions, the rules across
reports with the configured history folder); each report is added to the page as it comes, so memory
holds a small summary per report, not the reports. Exit 0 when the page is written (findings are
its content, not a failure); 2 for usage, configuration, rule-file or rubric errors and missing paths.
"""
from __future__ import annotations

import os
import sys

from ..checks.pack import bundled_templates
from ..output.audit import Audit, load_rubric, make_entry
from ..output.audit.rubric import RubricError
from ..run import corpus
from ..run.runner import apply_configured, lint_all
from ..speed import pure_path
from .argparsing import Parser
from .check import find_files, make_plan, project_root, read_settings, result_cache
from .errors import EXIT_CLEAN, EXIT_ERROR, UsageError
from .sinks import Progress, guard_target

# the cells a scorecard reads (its 勾稽关系 item, an agency's key figures): all of 表三 and 表四
AUDITED_TABLES = ("三", "四")


def audit(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    settings = read_settings(args)
    if settings is None:
        return EXIT_ERROR
    plan = make_plan(args, settings, "concise")
    if plan is None:
        return EXIT_ERROR
    rubric = _rubric(args.rubric)
    files, missing = find_files(args.paths, settings, False)
    target = pure_path(args.output)
    if os.path.splitext(target)[1].lower() not in (".html", ".htm"):
        raise UsageError(f"--output {args.output}: the page is HTML; name it FILE.html (its CSV files are "
                         "written beside it as FILE-reports.csv, FILE-findings.csv, FILE-figures.csv)")
    guard_target("--output", target, {os.path.realpath(p) for p in files})
    across = plan.wanted  # what the rules across reports keep of each report
    plan.wanted = (across or frozenset()) | _audited_cells()
    if plan.cache is not None:  # the cache's entries hold the facts of the cells wanted
        plan.cache = result_cache(plan, settings)
    folder, stem = os.path.dirname(target) or ".", os.path.splitext(os.path.basename(target))[0]
    page = Audit(folder, stem, rubric, lang=plan.lang)
    try:
        kept = []
        progress = Progress(len(files))
        jobs = args.jobs or os.cpu_count() or 1
        for result in lint_all(files, plan, jobs):
            progress.step(result.path)
            result = apply_configured(result, plan)
            if result.error:
                print(f"xxgk-lint: error: {result.path}: {result.error}", file=sys.stderr)
            page.add(_entry(result, settings))
            if result.facts is not None and across is not None:
                result.facts.cells = {k: v for k, v in result.facts.cells.items() if k in across}
                kept.append(result.facts)
        progress.done()
        if across is not None:
            plan.wanted = across
            history = corpus.read_history(plan, project_root(settings), files, jobs) if kept else []
            page.add_findings(corpus.findings(plan, kept, history))
        written = page.finish()
    except BaseException:
        page.abort()  # nothing half-written stays
        raise
    print(f"xxgk-lint: audited {len(files)} report(s): {written}", file=sys.stderr)
    return EXIT_ERROR if missing else EXIT_CLEAN


def _parser() -> Parser:
    parser = Parser(prog="xxgk-lint audit",
                    description="judge a corpus of reports: one HTML page and CSV files for evaluators")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--output", required=True, metavar="FILE.html",
                        help="the page to write; the CSV files are written beside it (FILE-reports.csv, …)")
    parser.add_argument("--rubric", metavar="FILE", help="the scoring rubric (YAML; default: the bundled one)")
    parser.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per CPU)")
    parser.add_argument("--lang", choices=("zh", "en"))
    parser.add_argument("--template", choices=("2019", "2021"), help="force the template for every file")
    parser.add_argument("--select", default="", help="rules to apply (codes, prefixes or names, comma-separated)")
    parser.add_argument("--ignore", default="", help="rules to leave out")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH", help="more rule files or folders")
    parser.set_defaults(extend_select="", ignore_suppressions=False, include_suppressed=False, no_cache=False)
    return parser


def _rubric(path: str | None):
    try:
        return load_rubric(path)
    except RubricError as exc:
        raise UsageError(str(exc)) from None


def _audited_cells() -> frozenset:
    return frozenset((table.id, row.id, column.id) for template in bundled_templates().values()
                     for table in template.tables if table.id in AUDITED_TABLES
                     for row in table.value_rows for column in table.columns)


def _entry(result, settings):
    facts = result.facts
    if facts is None:  # unreadable, or no annual report: the page says so from its findings
        return make_entry(result.path, "", None, "", {}, result.diagnostics)
    agency, year = corpus.agency_of(settings, facts.path, facts.agency), corpus.configured(settings, facts.path)[1]
    # the format the report follows: 表二's columns tell the two apart (表三 may keep an old row, T005)
    template = facts.templates.get("二.一") or facts.templates.get("三") or next(iter(facts.templates.values()), "")
    cells = {key: cell.number for key, cell in facts.cells.items() if key[0] in AUDITED_TABLES}
    return make_entry(result.path, agency, year or facts.year, template, cells, result.diagnostics)
