"""The commands behind the CLI. Each takes its argument list and returns an exit code."""
from __future__ import annotations

import os
import sys
from collections import Counter
from itertools import chain

from .. import __version__
from . import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, _isatty, _split, new_parser, parse_check_args,
                  default_format, dump_json, use_color)
from ..run.paths import normal, parent

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _settings(args):
    from ..run.config import ConfigError, Settings, find_config, load_config

    try:
        if args.isolated:
            return Settings()
        path = normal(args.config) if args.config else find_config(os.getcwd())
        if args.config and not os.path.isfile(path):
            raise ConfigError(args.config, "no such configuration file")
        return load_config(path) if path else Settings()
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return None


def _rules(extra: list[str]):
    from ..checks.ruleset import RuleSetError, load_rules

    try:
        return load_rules(extra)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None


def _project_root(settings) -> str:
    """The configuration file's folder, else here: where relative settings start."""
    return parent(settings.config_path) if settings.config_path else os.getcwd()


def _extend_rules(settings) -> list[str]:
    base = _project_root(settings)
    return [normal(os.path.join(base, p)) for p in settings.extend_rules]


STREAMING = ("concise", "text", "json-lines", "github")


def check(argv: list[str]) -> int:
    args = parse_check_args(argv)
    settings = _settings(args)
    if settings is None:
        return EXIT_ERROR
    fmt = default_format(args.format, settings.format, sys.stdout if not args.output else None)
    plan = _plan(args, settings, fmt)
    if plan is None:
        return EXIT_ERROR
    if args.show_settings:
        sys.stdout.write(dump_json({"config": settings.config_path, "settings": settings.as_dict(),
                                    "rules": [f"{r.code} {r.name} ({r.severity})" for r in plan.rules]}))
        return EXIT_CLEAN
    paths = args.paths or (["-"] if args.stdin_filename else [])
    if not paths:
        raise UsageError("no PATH given (try: xxgk-lint examples/)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    run = _Run(args, settings, plan, fmt)
    run.lint(paths)
    if args.write_baseline:
        return run.write_baseline()
    run.finish()
    if run.failed:
        return EXIT_ERROR
    fail_on = SEVERITY_RANK[args.fail_on or settings.fail_on]
    failing = any(SEVERITY_RANK[sev] >= fail_on for sev, n in run.counts.items() if n)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _plan(args, settings, fmt: str):
    """The rules and options of the run; None (after saying why) when a rule file is bad."""
    from ..run.runner import Plan, resolve_rules
    from ..checks.ruleset import RuleSetError, load_rules

    try:
        rules = load_rules(_extend_rules(settings) + args.rules)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if fmt == "sarif":  # code scanning still gets a run that says why it failed
            _sarif_for_rule_errors(exc, args)
        return None
    rules = resolve_rules(rules, settings, _split(args.select), _split(args.ignore), _split(args.extend_select))
    plan = Plan(rules, settings, args.lang or settings.lang, args.template, not args.ignore_suppressions,
                args.include_suppressed)
    if settings.cache and not args.no_cache and "-" not in args.paths:
        plan.cache = _cache(plan, settings)
    return plan


def _sarif_for_rule_errors(exc, args) -> None:
    from ..output.formatters import Notification, RunContext, get

    notes = [Notification(e.path, e.message, "error", e.line, e.column) for e in exc.errors]
    context = RunContext([], args.lang or "zh", os.getcwd(), [], notes, __version__)
    out = _Output(args.output, set())
    out.write(get("sarif").render([], context))
    out.close()


def _cache(plan, settings):
    from ..run.cache import ResultCache, run_key

    options = (plan.lang, plan.template, plan.use_suppressions)
    dump = {k: v for k, v in settings.as_dict().items() if k not in ("suppress", "format", "fail-on")}
    return ResultCache(_project_root(settings), run_key(plan.rules, dump, options))


def _guard_target(option: str, target: str, inputs: set[str]) -> None:
    """Never overwrite a report being linted, and say plainly when the folder is missing. `target`
    is a normal path, `inputs` are real ones."""
    if os.path.realpath(target) in inputs:
        raise UsageError(f"{option} {target} is one of the files being linted; it would be overwritten")
    if os.path.isdir(target):
        raise UsageError(f"{option} {target} is a folder; give the name of a file to write")
    if not os.path.isdir(parent(target)):
        raise UsageError(f"{option} {target}: the folder {parent(target)} does not exist")


class _Output:
    """Standard output, or --output FILE written atomically (a temp file renamed at the end)."""

    def __init__(self, target: str | None, inputs: set[str]):
        self.target = normal(target) if target else None
        self.handle = sys.stdout
        if self.target is not None:
            _guard_target("--output", self.target, inputs)
            self.tmp = self.target + ".xxgk-tmp"  # next to it: os.replace cannot cross file systems
            try:
                self.handle = open(self.tmp, "w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"--output {self.target}: cannot write there ({exc.strerror})") from None

    def write(self, text: str) -> None:
        if text:
            self.handle.write(text)

    def close(self) -> None:
        if self.target is None:
            self.handle.flush()
            return
        self.handle.close()
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            os.unlink(self.tmp)
            raise UsageError(f"--output {self.target}: cannot write there ({exc.strerror})") from None


class _Run:
    """One lint run: files in, results streamed through suppressions and the baseline, out.

    Streaming formats write each file's findings as they come and keep only counts, so memory
    does not grow with the corpus; the others collect the findings for one document."""

    def __init__(self, args, settings, plan, fmt: str):
        self.args, self.settings, self.plan, self.fmt = args, settings, plan, fmt
        self.streaming = fmt in STREAMING and not args.statistics and not args.write_baseline
        self.diagnostics: list = []  # kept unless streaming
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.files: list[str] = []  # kept unless streaming (JUnit lists every file)
        self.linted = 0
        self.notifications: list = []  # streaming: only those not yet written (missing paths)
        self.failed = False
        self.baseline = None
        self.out = None
        if args.baseline:
            from ..run.baseline import BaselineError, load

            try:
                self.baseline = load(args.baseline)
            except BaselineError as exc:
                raise UsageError(str(exc)) from None

    def context(self, notifications: list):
        from ..output.formatters import RunContext

        return RunContext(self.plan.rules, self.plan.lang, os.getcwd(), self.files, notifications, __version__,
                          use_color(self.args.color, sys.stdout) and not self.args.output, self.args.statistics)

    def keep(self, d) -> bool:
        """False for a finding the baseline already records (consuming that record)."""
        if self.baseline is None:
            return True
        from ..run.baseline import fingerprint

        fp = fingerprint(d)
        if self.baseline[fp] > 0:
            self.baseline[fp] -= 1
            return False
        return True

    def lint(self, paths: list[str]) -> None:
        from ..run.discovery import discover
        from ..output.formatters import Notification
        from ..run.runner import lint_all, lint_file, safe_lint

        names = [p for p in paths if p != "-"]
        files, missing = discover(names, self.settings.exclude + self.settings.extend_exclude,
                                  self.settings.respect_gitignore, self.args.force_exclude,
                                  root=_project_root(self.settings))
        # real paths of the files linted, to never write over one: only when something is written
        inputs = {os.path.realpath(p) for p in files} if self.args.output or self.args.write_baseline else set()
        for raw in missing:
            why = _why_missing(raw)
            print(f"xxgk-lint: error: {raw}: {why}", file=sys.stderr)
            self.notifications.append(Notification(raw, why))
            self.failed = True
        if self.args.write_baseline:
            _guard_target("--write-baseline", normal(self.args.write_baseline), inputs)
        self.out = _Output(self.args.output, inputs)
        results = []
        if "-" in paths:
            name = self.args.stdin_filename or "stdin.txt"
            data = sys.stdin.buffer.read()
            results.append(safe_lint(lambda: lint_file(name, self.plan, data, name), name, self.plan))
        progress = _Progress(len(files))
        for result in chain(results, lint_all(files, self.plan, self.args.jobs or os.cpu_count() or 1)):  # streamed
            progress.step(result.path)
            self._take(result)
        progress.done()

    def _take(self, result) -> None:
        from ..output.formatters import Notification, get
        from ..run.runner import apply_configured

        result = apply_configured(result, self.plan)
        self.linted += 1
        if not self.streaming:
            self.files.append(result.path)
        notes = []
        if result.error:
            print(f"xxgk-lint: error: {result.path}: {result.error}", file=sys.stderr)
            notes.append(Notification(result.path, result.error))
            self.failed = True
        # unreadable input is the file's finding (P001), not a failure of the run
        notes += [Notification(d.path, f"P001 {d.message}", "warning") for d in result.diagnostics if d.code == "P001"]
        kept = [d for d in result.diagnostics if self.keep(d)]
        self._count(kept)
        if self.streaming:  # nothing kept per file: memory does not follow the number of files
            self.out.write(get(self.fmt).render(kept, self.context(notes)))
        else:
            self.notifications += notes
            self.diagnostics += kept

    def _count(self, diagnostics) -> None:
        for d in diagnostics:
            self.counts[d.severity] = self.counts.get(d.severity, 0) + 1

    def finish(self) -> None:
        """The config's own findings (P003), the baseline's news, the document, the summary."""
        from ..output.formatters import get
        from ..output.formatters.full import summary
        from ..run.runner import unused_suppressions

        tail = [d for d in unused_suppressions(self.plan) if self.keep(d)]
        self._count(tail)
        if self.baseline is not None:
            self._report_fixed()
        if self.streaming:  # each file went out with its own notifications; now what is left
            self.out.write(get(self.fmt).render(tail, self.context(self.notifications)))
        else:
            found = self.diagnostics + tail
            text = _statistics(found, self.plan.lang) if self.args.statistics else \
                get(self.fmt).render(found, self.context(self.notifications))
            self.out.write(text)
        self.out.close()
        if self.fmt in ("concise", "text", "full") and not self.args.statistics:
            print(summary(self.counts, self.linted, self.plan.lang),
                  file=sys.stderr if self.fmt != "full" else sys.stdout)

    def _report_fixed(self) -> None:
        from ..run.baseline import describe

        fixed = [fp for fp, n in self.baseline.items() for _ in range(n)]
        print(f"xxgk-lint: {len(fixed)} finding(s) recorded in {self.args.baseline} no longer occur", file=sys.stderr)
        for line in describe(self.args.baseline, fixed):
            print(f"  fixed: {line}", file=sys.stderr)

    def write_baseline(self) -> int:
        from ..run.baseline import write

        try:
            write(self.args.write_baseline, self.diagnostics)
        except OSError as exc:
            raise UsageError(f"--write-baseline {self.args.write_baseline}: cannot write there ({exc.strerror})") \
                from None
        print(f"xxgk-lint: recorded {len(self.diagnostics)} findings in {self.args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if self.failed else EXIT_CLEAN


def _why_missing(raw: str) -> str:
    from ..run.discovery import describe_missing

    return describe_missing(raw)


class _Progress:
    """A progress line on standard error, only on a terminal and only for long runs."""

    def __init__(self, total: int):
        import time

        self.total, self.count, self.time = total, 0, time.monotonic
        self.start = self.last = self.time()
        self.on = total >= 50 and _isatty(sys.stderr)

    def step(self, path: str) -> None:
        self.count += 1
        now = self.time()
        if self.on and now - self.last > 0.2 and now - self.start > 1:
            self.last = now
            sys.stderr.write(f"\r[{self.count}/{self.total}] {path[-60:]:<60}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on and self.time() - self.start > 1:
            sys.stderr.write("\r" + " " * 80 + "\r")


def _statistics(diagnostics, lang: str) -> str:
    """Counts per code, most frequent codes first in code order (like ruff --statistics)."""
    counts = Counter((d.code, d.name, d.severity) for d in diagnostics)
    lines = [f"{n:>6}  {code}  [{sev}] {name}" for (code, name, sev), n in sorted(counts.items())]
    total = "共 {} 条".format(len(diagnostics)) if lang == "zh" else f"{len(diagnostics)} in total"
    return "\n".join(lines + [total]) + "\n"


def rules(argv: list[str]) -> int:
    p = new_parser(prog="xxgk-lint rules", description="list the rules")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    args = p.parse_args(argv)
    loaded = _rules(args.rules)
    if loaded is None:
        return EXIT_ERROR
    if args.format == "json":
        sys.stdout.write(dump_json([{"code": r.code, "name": r.name, "severity": r.severity, "kind": r.kind,
                                     "what": r.docs.get("what", "")} for r in loaded]))
    else:
        for r in loaded:
            print(f"{r.code}  {r.name:<28} {r.severity:<8} {r.kind}")
    return EXIT_CLEAN


def rule(argv: list[str]) -> int:
    from ..checks.docs import as_text

    p = new_parser(prog="xxgk-lint rule", description="show a rule's documentation")
    p.add_argument("code", help="a code (N001) or name (blank-cell)")
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    args = p.parse_args(argv)
    loaded = _rules(args.rules)
    if loaded is None:
        return EXIT_ERROR
    found = next((r for r in loaded if args.code.upper() == r.code or args.code == r.name), None)
    if found is None:
        raise UsageError(f"no rule {args.code!r} (see: xxgk-lint rules)")
    sys.stdout.write(as_text(found))
    return EXIT_CLEAN


def check_rules(argv: list[str]) -> int:
    """Validate rule files against the schemas and run every rule's good and bad examples."""
    from ..checks.builtin import WITHOUT_BAD_EXAMPLE
    from ..checks.examples import run_examples
    from ..checks.rule import RuleFileError, rule_files, rule_from_dict
    from ..checks.ruleset import load_rules, resolve_references
    from ..checks.validation import parse_and_validate

    p = new_parser(prog="xxgk-lint check-rules", description="validate rule files and run their examples")
    p.add_argument("paths", nargs="+", metavar="PATH")
    args = p.parse_args(argv)
    errors, checked = 0, []
    for raw in args.paths:
        files = rule_files(raw)
        if files is None:
            print(f"{raw}:1:1: error: no such rule file or folder", file=sys.stderr)
            errors += 1
            continue
        for file in files:
            try:
                checked += [rule_from_dict(d, str(file)) for d in parse_and_validate(file)]
            except RuleFileError as exc:
                print(exc.render(), file=sys.stderr)
                errors += 1
    if errors:
        return EXIT_ERROR
    everything = {r.code: r for r in load_rules([])} | {r.code: r for r in checked}
    try:
        resolve_references(everything)
    except RuleFileError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_ERROR
    all_rules = sorted(everything.values(), key=lambda r: r.code)
    examples = 0
    for item in checked:
        needs_bad = item.kind not in WITHOUT_BAD_EXAMPLE
        if (needs_bad and not item.examples.get("bad")) or not item.examples.get("good"):
            print(f"{item.source}:1:1: error: {item.code} needs at least one good and one bad example", file=sys.stderr)
            errors += 1
        for result in run_examples(item, all_rules):
            examples += 1
            if not result.ok:
                print(f"{item.source}:1:1: error: {item.code} {result.expect} example {result.index + 1}: "
                      f"{result.detail}", file=sys.stderr)
                errors += 1
    print(f"{len(checked)} rules, {examples} examples: " + ("ok" if not errors else f"{errors} problem(s)"))
    return EXIT_ERROR if errors else EXIT_CLEAN


def generate_docs(argv: list[str]) -> int:
    from pathlib import Path  # not on the hot path

    from ..checks.docs import as_markdown, index_markdown
    from ..checks.ruleset import load_rules

    p = new_parser(prog="xxgk-lint generate-docs", description="write docs/rules/*.md from the rule YAML")
    p.add_argument("directory")
    args = p.parse_args(argv)
    out = Path(args.directory)
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_rules([])
    for r in loaded:
        (out / f"{r.code}-{r.name}.md").write_text(as_markdown(r), "utf-8")
    (out / "index.md").write_text(index_markdown(loaded), "utf-8")
    print(f"wrote {len(loaded) + 1} pages to {out}")
    return EXIT_CLEAN
