"""Lint many files with per-file settings: template/year overrides, per-file ignores, configured
suppressions. Yields one result per file, in order, so output can stream; `in_order`, the map over
files in worker processes that keeps their order, is `extract`'s too."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from ..checks import builtin
from ..checks.engine import diagnose_builtin, lint_with_facts
from ..checks.rule import Rule, names_rule
from ..checks.suppressions import apply, code_matches, path_matches
from ..output.diagnostic import Diagnostic
from ..speed import Record, batch_gc
from ..pipeline.facts import Facts
from .config import Settings


class FileResult(Record):
    __slots__ = ("path", "diagnostics", "error", "facts")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, error: str = "",
                 facts: Facts | None = None) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.error = error  # could not be read at all (OSError): a notification, exit 2
        self.facts = facts  # what the rules across reports read of it, when the plan wants it


class Plan(Record):
    """Everything a run needs to lint one file, resolved from settings and options."""

    __slots__ = ("rules", "settings", "lang", "template", "use_suppressions", "include_suppressed", "cache",
                 "wanted")

    def __init__(self, rules: list[Rule], settings: Settings, lang: str = "zh", template: str | None = None,
                 use_suppressions: bool = True, include_suppressed: bool = False, cache: object = None,
                 wanted: frozenset | None = None) -> None:
        self.rules = rules
        self.settings = settings
        self.lang = lang
        self.template = template
        self.use_suppressions = use_suppressions
        self.include_suppressed = include_suppressed
        self.cache = cache  # a ResultCache, or None
        # the cells each report keeps for the rules across reports (checks/across.py); None: no facts
        self.wanted = wanted


def resolve_rules(rules: list[Rule], settings: Settings, select: list[str], ignore: list[str],
                  extend_select: list[str]) -> list[Rule]:
    """select / extend-select / ignore by code, prefix or name; severity overrides."""
    select = select or settings.select
    extend = extend_select + settings.extend_select
    ignore = ignore + settings.ignore

    def hit(rule: Rule, patterns: list[str]) -> bool:
        return any(names_rule(p, rule.code, rule.name) for p in patterns)

    out = []
    for rule in rules:
        if (not select or hit(rule, select) or hit(rule, extend)) and not hit(rule, ignore):
            severity = next((v for k, v in settings.severity.items() if hit(rule, [k])), rule.severity)
            out.append(rule.replace(severity=severity) if severity != rule.severity else rule)
    return out


def override(settings: Settings, path: str) -> tuple[str | None, int | None]:
    """The template and year configured for `path` (`[[overrides]]`; the last match wins)."""
    template, year = settings.template, None
    for item in settings.overrides:
        if path_matches(item.files, path):
            template = item.template or template
            year = item.year if item.year is not None else year
    return template, year


def lint_file(path: str | os.PathLike, plan: Plan, data: bytes | None = None, name: str | None = None) -> FileResult:
    """Lint one file with its per-file settings. Configured suppressions are applied by the caller
    (`apply_configured`), which sees every file and so knows which suppressions were used."""
    shown = name or str(path)
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return FileResult(shown, error=exc.strerror or str(exc))
    cached = plan.cache.get(shown, data) if plan.cache else None
    if cached is not None:  # the run's key holds the cells wanted: an entry has the facts the run wants
        return FileResult(shown, *cached)
    template, year = override(plan.settings, shown)
    ignored = [codes for glob, codes in plan.settings.per_file_ignores.items() if path_matches(glob, shown)]
    rules = [r for r in plan.rules if not any(code_matches(c, _probe(r)) for codes in ignored for c in codes)]
    diagnostics, facts = lint_with_facts(shown, data, rules, plan.lang, plan.template or template, year,
                                         inline=plan.use_suppressions, include_suppressed=True, wanted=plan.wanted)
    if plan.cache:
        plan.cache.put(shown, data, diagnostics, facts)
    return FileResult(shown, diagnostics, facts=facts)


def apply_configured(result: FileResult, plan: Plan) -> FileResult:
    if plan.use_suppressions:
        apply([d for d in result.diagnostics if d.suppression is None], [], plan.settings.suppress)
    if not plan.include_suppressed:
        result.diagnostics = [d for d in result.diagnostics if d.suppression is None]
    return result


def _probe(rule: Rule) -> Diagnostic:
    return Diagnostic("", 0, 0, 0, 0, rule.code, rule.name, rule.severity, "")


def safe_lint(run, path: str, plan: Plan) -> FileResult:
    """A bug while linting one file is that file's finding (P004) and exit 2; the other files
    are still linted."""
    try:
        return run()
    except (RecursionError, MemoryError, Exception) as exc:  # noqa: B014 - any bug, per file
        error = f"{exc.__class__.__name__}: {exc}"[:300]
        found = diagnose_builtin(plan.rules, builtin.INTERNAL_ERROR, [builtin.internal_error(error)], path, plan.lang)
        return FileResult(path, found, error=f"internal error: {error}")


def _lint_safely(path: str, plan: Plan) -> FileResult:
    return safe_lint(lambda: lint_file(path, plan), str(path), plan)


def lint_all(files: list[str], plan: Plan, jobs: int) -> Iterator[FileResult]:
    """Results in the order of `files` (so output is identical for any --jobs), as they come."""
    return in_order(_lint_safely, files, plan, jobs)


PARALLEL_MIN_FILES = 16  # below this, starting processes costs more than it saves

_TASK: tuple | None = None  # a worker process's function and the argument it always gets, set once


def _start_worker(function, fixed) -> None:
    global _TASK
    _TASK = (function, fixed)
    batch_gc()


def _run_chunk(items: list) -> list:
    function, fixed = _TASK
    return [function(item, fixed) for item in items]


def in_order(function: Callable[[object, object], object], items: list, fixed: object, jobs: int) -> Iterator:
    """`function(item, fixed)` for each of `items`, in their order, as they come: in `jobs` worker
    processes when there are many items (`function` at module level; it and `fixed` reach each
    worker once). Only a few chunks per worker are ever waiting, so what the caller has not taken
    yet stays small however many items there are."""
    batch_gc()
    if jobs <= 1 or len(items) < PARALLEL_MIN_FILES:
        for item in items:
            yield function(item, fixed)
        return
    import multiprocessing  # only for many files: more than a lint on the one-report path (bench/startup.py)
    from collections import deque

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    size = max(1, min(32, len(items) // (jobs * 8)))
    with context.Pool(jobs, initializer=_start_worker, initargs=(function, fixed)) as pool:
        waiting: deque = deque()
        for start in range(0, len(items), size):
            waiting.append(pool.apply_async(_run_chunk, (items[start:start + size],)))
            if len(waiting) > 2 * jobs:
                yield from waiting.popleft().get()
        while waiting:
            yield from waiting.popleft().get()


def unused_suppressions(plan: Plan) -> list[Diagnostic]:
    """Configured suppressions that silenced nothing in this run (P003, at the config entry)."""
    settings = plan.settings
    if not plan.use_suppressions or not settings.config_path:
        return []
    enabled = [_probe(r) for r in plan.rules]
    unused = [s for s in settings.suppress if not s.used and any(code_matches(s.code, d) for d in enabled)]
    return diagnose_builtin(plan.rules, builtin.UNUSED_SUPPRESSION, [builtin.unused_configured(s) for s in unused],
                            settings.config_path, plan.lang)
