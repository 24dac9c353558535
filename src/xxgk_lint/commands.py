"""The commands behind the CLI. Each takes its argument list and returns an exit code."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from . import __version__
import os

from .cli import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, _Parser, _split, check_parser,
                  default_format, dump_json, use_color)

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _settings(args):
    from .config import ConfigError, Settings, find_config, load_config

    try:
        if args.isolated:
            return Settings()
        path = Path(args.config) if args.config else find_config(Path.cwd())
        if args.config and not path.is_file():
            raise ConfigError(args.config, "no such configuration file")
        return load_config(path) if path else Settings()
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return None


def _rules(extra: list[str]):
    from .rulesets import RuleSetError, load_rules

    try:
        return load_rules(extra)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None


def _extend_rules(settings) -> list[str]:
    base = Path(settings.config_path).parent if settings.config_path else Path.cwd()
    return [str(base / p) for p in settings.extend_rules]


STREAMING = ("concise", "text", "json-lines", "github")


def check(argv: list[str]) -> int:
    from .formatters import RunContext, get
    from .runner import Plan, resolve_rules, unused_suppressions

    args = check_parser().parse_intermixed_args(argv)
    settings = _settings(args)
    if settings is None:
        return EXIT_ERROR
    rules = _rules(_extend_rules(settings) + args.rules)
    if rules is None:
        return EXIT_ERROR
    rules = resolve_rules(rules, settings, _split(args.select), _split(args.ignore), _split(args.extend_select))
    lang = args.lang or settings.lang
    if args.show_settings:
        sys.stdout.write(dump_json({"config": settings.config_path, "settings": settings.as_dict(),
                                    "rules": [f"{r.code} {r.name} ({r.severity})" for r in rules]}))
        return EXIT_CLEAN
    paths = args.paths or (["-"] if args.stdin_filename else [])
    if not paths:
        raise UsageError("no PATH given (try: xxgk-lint examples/)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    plan = Plan(rules, settings, lang, args.template, not args.ignore_suppressions, args.include_suppressed)
    if settings.cache and not args.no_cache and "-" not in paths:
        plan.cache = _cache(plan, settings, args)
    fmt = default_format(args.format, settings.format, sys.stdout if not args.output else None)
    run = _Run(args, settings, plan, fmt, lang)
    run.lint(paths)
    if args.write_baseline:
        from .baseline import write

        write(Path(args.write_baseline), run.diagnostics)
        print(f"xxgk-lint: recorded {len(run.diagnostics)} findings in {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if run.failed else EXIT_CLEAN
    run.streamed = len(run.diagnostics)
    run.diagnostics += [d for d in unused_suppressions(plan) if run.keep(d)]
    if run.baseline is not None:
        fixed = sum(run.baseline.values())
        print(f"xxgk-lint: {fixed} finding(s) recorded in {args.baseline} no longer occur", file=sys.stderr)
    context = RunContext(rules, lang, Path.cwd(), run.files, run.notifications, __version__,
                         use_color(args.color, sys.stdout) and not args.output, args.statistics)
    if args.statistics:
        run.out.write(_statistics(run.diagnostics, lang))
    elif fmt in STREAMING:  # file results went out as they came; now the config's own findings (P003)
        run.out.write(get(fmt).render(run.diagnostics[run.streamed:], context))
    else:
        run.out.write(get(fmt).render(run.diagnostics, context))
    run.out.close()
    if fmt in ("concise", "text", "full") and not args.statistics:
        from .formatters.full import summary

        print(summary(run.diagnostics, len(run.files), lang), file=sys.stderr if fmt != "full" else sys.stdout)
    if run.failed:
        return EXIT_ERROR
    fail_on = args.fail_on or settings.fail_on
    failing = any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[fail_on] for d in run.diagnostics)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _cache(plan, settings, args):
    from .cache import ResultCache, run_key

    root = Path(settings.config_path).parent if settings.config_path else Path.cwd()
    options = (plan.lang, plan.template, plan.use_suppressions)
    dump = {k: v for k, v in settings.as_dict().items() if k not in ("suppress", "format", "fail-on")}
    return ResultCache(root, run_key(plan.rules, dump, options))


class _Output:
    """Standard output, or --output FILE written atomically (a temp file renamed at the end)."""

    def __init__(self, target: str | None, inputs: set[Path]):
        self.target = Path(target) if target else None
        self.handle = sys.stdout
        if self.target is not None:
            if self.target.resolve() in inputs:
                raise UsageError(f"--output {target} is one of the files being linted; it would be overwritten")
            self.tmp = self.target.with_name(self.target.name + ".xxgk-tmp")
            self.handle = open(self.tmp, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        if text:
            self.handle.write(text)

    def close(self) -> None:
        if self.target is None:
            self.handle.flush()
            return
        self.handle.close()
        os.replace(self.tmp, self.target)


class _Run:
    """One lint run: files in, results streamed through suppressions and the baseline."""

    def __init__(self, args, settings, plan, fmt: str, lang: str):
        self.args, self.settings, self.plan, self.fmt, self.lang = args, settings, plan, fmt, lang
        self.diagnostics: list = []
        self.streamed = 0
        self.files: list[str] = []
        self.notifications: list = []
        self.failed = False
        self.baseline = None
        self.out = None
        if args.baseline:
            from .baseline import BaselineError, load

            try:
                self.baseline = load(Path(args.baseline))
            except BaselineError as exc:
                raise UsageError(str(exc)) from None

    def keep(self, d) -> bool:
        """False for a finding the baseline already records (consuming that record)."""
        if self.baseline is None:
            return True
        from .baseline import fingerprint

        fp = fingerprint(d)
        if self.baseline[fp] > 0:
            self.baseline[fp] -= 1
            return False
        return True

    def lint(self, paths: list[str]) -> None:
        from .discovery import discover
        from .formatters import Notification, RunContext, get
        from .runner import apply_configured, lint_all, lint_file, safe_lint

        names = [p for p in paths if p != "-"]
        files, missing = discover(names, self.settings.exclude + self.settings.extend_exclude,
                                  self.settings.respect_gitignore, self.args.force_exclude)
        for raw in missing:
            print(f"xxgk-lint: error: {raw}: no such file or directory", file=sys.stderr)
            self.notifications.append(Notification(raw, "no such file or directory"))
            self.failed = True
        self.out = _Output(self.args.output, {p.resolve() for p in files})
        streaming = self.fmt in STREAMING and not self.args.statistics and not self.args.write_baseline
        context = RunContext(self.plan.rules, self.lang, Path.cwd(), [], self.notifications, __version__,
                             use_color(self.args.color, sys.stdout) and not self.args.output)
        results = []
        if "-" in paths:
            name = self.args.stdin_filename or "stdin.txt"
            data = sys.stdin.buffer.read()
            results.append(safe_lint(lambda: lint_file(Path(name), self.plan, data, name), name, self.plan))
        jobs = self.args.jobs or os.cpu_count() or 1
        progress = _Progress(len(files))
        for result in [*results, *lint_all(files, self.plan, jobs)]:
            progress.step(result.path)
            kept = self._take(apply_configured(result, self.plan))
            if streaming and kept:
                self.out.write(get(self.fmt).render(kept, context))
        progress.done()

    def _take(self, result) -> list:
        """Record a file's result; returns its findings that are not in the baseline."""
        from .formatters import Notification

        self.files.append(result.path)
        if result.error:
            print(f"xxgk-lint: error: {result.path}: {result.error}", file=sys.stderr)
            self.notifications.append(Notification(result.path, result.error))
            self.failed = True
        # unreadable input is the file's finding (P001), not a failure of the run
        self.notifications += [Notification(d.path, f"P001 {d.message}", "warning")
                               for d in result.diagnostics if d.code == "P001"]
        kept = [d for d in result.diagnostics if self.keep(d)]
        self.diagnostics += kept
        return kept


class _Progress:
    """A progress line on standard error, only on a terminal and only for long runs."""

    def __init__(self, total: int):
        import time

        self.total, self.count, self.time = total, 0, time.monotonic
        self.start = self.last = self.time()
        self.on = total >= 50 and _isatty_err()

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


def _isatty_err() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _statistics(diagnostics, lang: str) -> str:
    counts = Counter((d.code, d.name, d.severity) for d in diagnostics)
    lines = [f"{n:>6}  {code}  [{sev}] {name}" for (code, name, sev), n in sorted(counts.items())]
    total = "共 {} 条".format(len(diagnostics)) if lang == "zh" else f"{len(diagnostics)} in total"
    return "\n".join(lines + [total]) + "\n"


def rules(argv: list[str]) -> int:
    p = _Parser(prog="xxgk-lint rules", description="list the rules")
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
    from .ruledocs import as_text

    p = _Parser(prog="xxgk-lint rule", description="show a rule's documentation")
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
    from .examples import run_examples
    from .rule import RuleFileError, rule_files, rule_from_dict
    from .rulesets import load_rules, resolve_references
    from .validate import parse_and_validate

    p = _Parser(prog="xxgk-lint check-rules", description="validate rule files and run their examples")
    p.add_argument("paths", nargs="+", metavar="PATH")
    args = p.parse_args(argv)
    errors, checked = 0, []
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            print(f"{raw}:1:1: error: no such rule file or folder", file=sys.stderr)
            errors += 1
            continue
        for file in rule_files(path):
            try:
                checked += [rule_from_dict(d, str(file)) for d in parse_and_validate(file)]
            except RuleFileError as exc:
                print(f"{exc.path}:{exc.line}:{exc.column}: error: {exc.message}"
                      + (f"\n    {exc.snippet}" if exc.snippet else ""), file=sys.stderr)
                errors += 1
    if errors:
        return EXIT_ERROR
    everything = {r.code: r for r in load_rules([])} | {r.code: r for r in checked}
    resolve_references(everything)
    all_rules = sorted(everything.values(), key=lambda r: r.code)
    examples = 0
    for item in checked:
        # a bug in xxgk-lint (P004) cannot be written as a report: it has no bad example
        needs_bad = item.kind != "internal_error"
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
    from .ruledocs import as_markdown, index_markdown
    from .rulesets import load_rules

    p = _Parser(prog="xxgk-lint generate-docs", description="write docs/rules/*.md from the rule YAML")
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
