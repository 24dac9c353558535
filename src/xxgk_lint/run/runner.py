"""Lint many files with per-file settings: template/year overrides, per-file ignores, configured
suppressions. Yields one result per file, in order, so output can stream."""
from __future__ import annotations

import os
from collections.abc import Iterator

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


_PLAN: Plan | None = None  # a worker process's plan, set once by its initializer


def _init_worker(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan
    batch_gc()


def _work(path: str) -> FileResult:
    return safe_lint(lambda: lint_file(path, _PLAN), str(path), _PLAN)


def safe_lint(run, path: str, plan: Plan) -> FileResult:
    """A bug while linting one file is that file's finding (P004) and exit 2; the other files
    are still linted."""
    try:
        return run()
    except (RecursionError, MemoryError, Exception) as exc:  # noqa: B014 - any bug, per file
        error = f"{exc.__class__.__name__}: {exc}"[:300]
        found = diagnose_builtin(plan.rules, builtin.INTERNAL_ERROR, [builtin.internal_error(error)], path, plan.lang)
        return FileResult(path, found, error=f"internal error: {error}")


PARALLEL_MIN_FILES = 16  # below this, starting processes costs more than it saves


def lint_all(files: list[str], plan: Plan, jobs: int) -> Iterator[FileResult]:
    """Results in the order of `files` (so output is identical for any --jobs), as they come."""
    batch_gc()
    if jobs <= 1 or len(files) < PARALLEL_MIN_FILES:
        for path in files:
            yield safe_lint(lambda p=path: lint_file(p, plan), str(path), plan)
        return
    import multiprocessing  # only for many files: more than a lint on the one-report path (bench/startup.py)

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(plan,)) as pool:
        yield from pool.imap(_work, files, chunksize=max(1, min(32, len(files) // (jobs * 8))))


def unused_suppressions(plan: Plan) -> list[Diagnostic]:
    """Configured suppressions that silenced nothing in this run (P003, at the config entry)."""
    settings = plan.settings
    if not plan.use_suppressions or not settings.config_path:
        return []
    enabled = [_probe(r) for r in plan.rules]
    unused = [s for s in settings.suppress if not s.used and any(code_matches(s.code, d) for d in enabled)]
    return diagnose_builtin(plan.rules, builtin.UNUSED_SUPPRESSION, [builtin.unused_configured(s) for s in unused],
                            settings.config_path, plan.lang)
