"""The check command: lint reports. Settings and rules are resolved into a plan, the files found,
linted (in worker processes for many), filtered through suppressions and a baseline, counted and
written out."""
from __future__ import annotations

import os
import sys
from itertools import chain

from ..version import __version__
from ..checks import builtin
from ..checks.ruleset import RuleSetError, load_rules
from ..output.formatters import Notification, RunContext, get
from ..output.formatters.full import summary
from ..run.cache import ResultCache, run_key
from ..run import corpus
from ..run.config import ConfigError, Settings, find_config, load_config
from ..run.discovery import describe_missing, discover
from ..run.fixes import diff
from ..run.runner import (
    FileResult,
    Plan,
    apply_configured,
    lint_all,
    lint_file,
    resolve_rules,
    safe_lint,
    unused_suppressions,
)
from ..speed import pure_path
from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from .fixing import Fixer, fix_stdin, say_unsafe
from .options import parse_check_args, split_list
from .sinks import (
    STREAMING_FORMATS,
    Collecting,
    Progress,
    Sink,
    Streaming,
    Tally,
    default_format,
    guard_target,
    use_color,
)


def check(argv: list[str]) -> int:
    args = parse_check_args(argv)
    settings = read_settings(args)
    if settings is None:
        return EXIT_ERROR
    fmt = default_format(args.format, settings.format, sys.stdout if not args.output else None)
    plan = make_plan(args, settings, fmt)
    if plan is None:
        return EXIT_ERROR
    if args.show_settings:
        return show_settings(settings, plan)
    paths = args.paths or (["-"] if args.stdin_filename else [])
    if not paths:
        raise UsageError("no PATH given (try: xxgk-lint examples/)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if (args.fix or args.diff) and "-" in paths:
        if paths != ["-"]:
            raise UsageError("with --fix or --diff, standard input (-) is the only path: its fixed text goes to "
                             "standard output")
        return _fix_standard_input(args, plan)
    baseline = read_baseline(args.baseline) if args.baseline else None
    files, missing = find_files(paths, settings, args.force_exclude)
    if args.diff:
        return _show_fixes(files, plan, args)
    # real paths of the files linted, to never write over one: only when something is written
    inputs = {os.path.realpath(p) for p in files} if args.output or args.write_baseline else set()
    if inputs and settings.history:  # the published reports it reads are never written over either
        inputs |= {os.path.realpath(p) for p in corpus.history_files(settings, project_root(settings))}
    if args.write_baseline:
        guard_target("--write-baseline", pure_path(args.write_baseline), inputs)
        run = Run(plan, Collecting(fmt, None, _context(args, plan)), baseline)
    else:
        run = Run(plan, _report(args, fmt, Sink(args.output, inputs), plan), baseline)
    run.report.notify(missing)
    run.failed = bool(missing)
    progress = Progress(len(files))
    jobs = args.jobs or os.cpu_count() or 1
    fixer = Fixer(plan, args.unsafe_fixes, False) if args.fix else None
    for result in chain(_stdin(args, plan, paths), lint_all(files, plan, jobs)):
        progress.step(result.path)
        run.take(fixer.take(result) if fixer else result)
    progress.done()
    if fixer:
        fixer.summary()
        run.failed |= fixer.failed
    run.across(corpus.read_history(plan, project_root(settings), files, jobs) if run.facts else [])
    if args.write_baseline:
        return write_baseline(args.write_baseline, run)
    run.finish()
    if fmt in ("concise", "text", "full") and not args.statistics:
        print(summary(run.tally.counts, run.tally.linted, plan.lang, run.tally.fixable),
              file=sys.stderr if fmt != "full" else sys.stdout)
    if run.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if run.tally.fails(args.fail_on or settings.fail_on) and not args.exit_zero else EXIT_CLEAN


class Run:
    """One run's results, in order: configured suppressions, the baseline, the count, the report."""

    def __init__(self, plan: Plan, report: Streaming | Collecting, baseline=None) -> None:
        self.plan, self.report, self.baseline = plan, report, baseline
        # the codes of unreadable input (P001): the file's finding, also told as a note of the run
        self.unreadable = {r.code for r in plan.rules if r.kind == builtin.READABLE_INPUT}
        self.tally = Tally()
        self.failed = False  # a file could not be read or linted, or a path is missing: exit 2
        self.facts: list = []  # of each report, for the rules across reports (only when selected)
        self.late: list = []  # the findings across reports, made once every report is read

    def take(self, result: FileResult) -> None:
        result = apply_configured(result, self.plan)
        self.tally.linted += 1
        notes = []
        if result.error:
            print(f"xxgk-lint: error: {result.path}: {result.error}", file=sys.stderr)
            notes.append(Notification(result.path, result.error))
            self.failed = True
        # unreadable input is the file's finding (P001), not a failure of the run
        notes += [Notification(d.path, f"{d.code} {d.message}", "warning") for d in result.diagnostics
                  if d.code in self.unreadable]
        kept = self._new(result.diagnostics)
        self.tally.add(kept)
        self.report.file(result.path, kept, notes)
        if result.facts is not None:
            self.facts.append(result.facts)

    def across(self, history: list) -> None:
        """The findings across the run's reports (and the `history` folder's): told at the end."""
        self.late = corpus.findings(self.plan, self.facts, history)
        self.facts = []

    def finish(self) -> None:
        """The configuration's own findings (P003), what the baseline no longer sees, the document."""
        tail = self._new(self.late + unused_suppressions(self.plan))
        self.tally.add(tail)
        if self.baseline is not None:
            _say_fixed(self.baseline)
        self.report.finish(tail)

    def _new(self, diagnostics: list) -> list:
        return diagnostics if self.baseline is None else self.baseline.new(diagnostics)


def read_settings(args) -> Settings | None:
    """The configuration in effect, or None after saying why it cannot be used."""
    try:
        if args.isolated:
            return Settings()
        path = pure_path(args.config) if args.config else find_config(os.getcwd())
        if args.config and not os.path.isfile(path):
            raise ConfigError(args.config, "no such configuration file")
        return load_config(path) if path else Settings()
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return None


def project_root(settings: Settings) -> str:
    """The configuration file's folder, else here: where relative settings start."""
    return (os.path.dirname(settings.config_path) or ".") if settings.config_path else os.getcwd()


def make_plan(args, settings: Settings, fmt: str) -> Plan | None:
    """The rules and options of the run; None (after saying why) when a rule file is bad."""
    extend_rules = [pure_path(os.path.join(project_root(settings), p)) for p in settings.extend_rules]
    try:
        rules = load_rules(extend_rules + args.rules)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if fmt == "sarif":  # code scanning still gets a run that says why it failed
            _sarif_for_rule_errors(exc, args)
        return None
    rules = resolve_rules(rules, settings, split_list(args.select), split_list(args.ignore),
                          split_list(args.extend_select))
    plan = Plan(rules, settings, args.lang or settings.lang, args.template, not args.ignore_suppressions,
                args.include_suppressed)
    plan.wanted = corpus.wanted(plan)
    if settings.cache and not args.no_cache and "-" not in args.paths:
        plan.cache = result_cache(plan, settings)
    return plan


def _sarif_for_rule_errors(exc: RuleSetError, args) -> None:
    notes = [Notification(e.path, e.message, "error", e.line, e.column) for e in exc.errors]
    sink = Sink(args.output, set())
    sink.write(get("sarif").render([], RunContext([], args.lang or "zh", os.getcwd(), [], notes, __version__)))
    sink.close()


def result_cache(plan: Plan, settings: Settings) -> ResultCache:
    options = (plan.lang, plan.template, plan.use_suppressions, sorted(plan.wanted or ()))
    dump = {k: v for k, v in settings.as_dict().items() if k not in ("suppress", "format", "fail-on")}
    return ResultCache(project_root(settings), run_key(plan.rules, dump, options))


def show_settings(settings: Settings, plan: Plan) -> int:
    import json  # only for --show-settings: off the lint path (bench/startup.py)

    shown = {"config": settings.config_path, "settings": settings.as_dict(),
             "rules": [f"{r.code} {r.name} ({r.severity})" for r in plan.rules]}
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    return EXIT_CLEAN


def find_files(paths: list[str], settings: Settings, force_exclude: bool) -> tuple[list[str], list[Notification]]:
    """The files to lint, and a notification for each path that cannot be linted (said on stderr)."""
    files, missing = discover([p for p in paths if p != "-"], settings.exclude + settings.extend_exclude,
                              settings.respect_gitignore, force_exclude, root=project_root(settings))
    notes = []
    for raw in missing:
        why = describe_missing(raw)
        print(f"xxgk-lint: error: {raw}: {why}", file=sys.stderr)
        notes.append(Notification(raw, why))
    return files, notes


def _context(args, plan: Plan) -> RunContext:
    color = use_color(args.color, sys.stdout) and not args.output
    return RunContext(plan.rules, plan.lang, os.getcwd(), [], [], __version__, color, args.statistics)


def _report(args, fmt: str, sink: Sink, plan: Plan) -> Streaming | Collecting:
    if fmt in STREAMING_FORMATS and not args.statistics:
        return Streaming(fmt, sink, _context(args, plan))
    return Collecting(fmt, sink, _context(args, plan))


def _show_fixes(files: list[str], plan: Plan, args) -> int:
    """--diff: each file's fixes as a unified diff on standard output; nothing is written. Exit 1
    when there is one."""
    fixer = Fixer(plan, args.unsafe_fixes, True)
    for result in lint_all(files, plan, args.jobs or os.cpu_count() or 1):
        fixer.take(apply_configured(result, plan))
    fixer.summary()
    return EXIT_FINDINGS if fixer.fixed else EXIT_CLEAN


def _fix_standard_input(args, plan: Plan) -> int:
    """`--fix -`: the fixed text on standard output (for editors and formatters), what remains on
    standard error; `--diff -`: the diff on standard output, the findings (as they are) on standard
    error, exit 1 when there is a fix."""
    name = args.stdin_filename or "stdin.txt"
    data = sys.stdin.buffer.read()
    fixed, result, applied = fix_stdin(name, data, plan, args.unsafe_fixes)
    if args.diff:
        sys.stdout.write(diff(name, data, fixed))
        sys.stdout.flush()
        return EXIT_FINDINGS if applied else EXIT_CLEAN
    say_unsafe(applied)
    sys.stdout.buffer.write(fixed)
    sys.stdout.flush()
    result = apply_configured(result, plan)
    sys.stderr.write(get("concise").render(result.diagnostics, _context(args, plan)))
    tally = Tally()
    tally.add(result.diagnostics)
    return EXIT_FINDINGS if tally.fails(args.fail_on or plan.settings.fail_on) and not args.exit_zero else EXIT_CLEAN


def _stdin(args, plan: Plan, paths: list[str]) -> list[FileResult]:
    """Standard input's result, when `-` is among the paths: linted first, under --stdin-filename."""
    if "-" not in paths:
        return []
    name = args.stdin_filename or "stdin.txt"
    data = sys.stdin.buffer.read()
    return [safe_lint(lambda: lint_file(name, plan, data, name), name, plan)]


def read_baseline(path: str):
    from ..run.baseline import (  # json, hashlib, pathlib: off the lint path
        Baseline,
        BaselineError,
    )

    try:
        return Baseline.read(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _say_fixed(baseline) -> None:
    fixed = baseline.fixed()
    print(f"xxgk-lint: {len(fixed)} finding(s) recorded in {baseline.path} no longer occur", file=sys.stderr)
    for line in baseline.describe(fixed):
        print(f"  fixed: {line}", file=sys.stderr)


def write_baseline(path: str, run: Run) -> int:
    from ..run.baseline import write  # as in read_baseline

    found = run.report.diagnostics + run.late
    try:
        write(path, found)
    except OSError as exc:
        raise UsageError(f"--write-baseline {path}: cannot write there ({exc.strerror})") from None
    print(f"xxgk-lint: recorded {len(found)} findings in {path}", file=sys.stderr)
    return EXIT_ERROR if run.failed else EXIT_CLEAN
