"""The commands behind the CLI. Each takes its argument list and returns an exit code."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from . import __version__
from .cli import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, _Parser, _split, check_parser,
                  default_format, dump_json, use_color, write_output)

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


def check(argv: list[str]) -> int:
    from .formatters import Notification, RunContext, get
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
    plan = Plan(rules, settings, lang, args.template, not args.ignore_suppressions, args.include_suppressed)
    notifications: list[Notification] = []
    results = _lint(paths, args, settings, plan, notifications)
    diagnostics = [d for r in results for d in r.diagnostics] + unused_suppressions(plan)
    files = [r.path for r in results]
    if args.write_baseline:
        from .baseline import write

        write(Path(args.write_baseline), diagnostics)
        print(f"xxgk-lint: recorded {len(diagnostics)} findings in {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if any(n.level == "error" for n in notifications) else EXIT_CLEAN
    if args.baseline:
        from .baseline import BaselineError, load, new_only

        try:
            diagnostics, fixed = new_only(diagnostics, load(Path(args.baseline)))
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
        print(f"xxgk-lint: {fixed} finding(s) recorded in {args.baseline} no longer occur", file=sys.stderr)
    fmt = default_format(args.format, settings.format, sys.stdout if not args.output else None)
    context = RunContext(rules, lang, Path.cwd(), files, notifications, __version__,
                         use_color(args.color, sys.stdout) and not args.output, args.statistics)
    text = _statistics(diagnostics, lang) if args.statistics else get(fmt).render(diagnostics, context)
    write_output(text, args.output, [Path(f) for f in files if f != "-"])
    if fmt in ("concise", "text", "full") and not args.statistics:
        from .formatters.full import summary

        print(summary(diagnostics, len(files), lang), file=sys.stderr if fmt != "full" else sys.stdout)
    if any(n.level == "error" for n in notifications):
        return EXIT_ERROR
    fail_on = args.fail_on or settings.fail_on
    failing = any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[fail_on] for d in diagnostics)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _lint(paths, args, settings, plan, notifications):
    """Lint every file, turning unreadable files and internal errors into notifications."""
    from .discovery import discover
    from .formatters import Notification
    from .runner import lint_file

    results = []
    names = [p for p in paths if p != "-"]
    files, missing = discover(names, settings.exclude + settings.extend_exclude, settings.respect_gitignore,
                              args.force_exclude)
    for raw in missing:
        print(f"xxgk-lint: error: {raw}: no such file or directory", file=sys.stderr)
        notifications.append(Notification(raw, "no such file or directory"))
    if "-" in paths:
        name = args.stdin_filename or "stdin.txt"
        results.append(_safe(lambda: lint_file(Path(name), plan, sys.stdin.buffer.read(), name), name, notifications))
    for path in files:
        results.append(_safe(lambda p=path: lint_file(p, plan), str(path), notifications))
    for result in results:
        if result.error:
            print(f"xxgk-lint: error: {result.path}: {result.error}", file=sys.stderr)
            notifications.append(Notification(result.path, result.error))
        # unreadable input is the file's finding (P001), not a failure of the run
        notifications += [Notification(d.path, f"P001 {d.message}", "warning")
                          for d in result.diagnostics if d.code == "P001"]
    return results


def _safe(run, path: str, notifications):
    """A bug while linting one file is that file's error; the other files are still linted."""
    from .runner import FileResult

    try:
        return run()
    except (RecursionError, MemoryError, Exception) as exc:  # noqa: B014 - report any bug per file
        return FileResult(path, error=f"internal error: {exc.__class__.__name__}: {exc}")


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
        if not item.examples.get("bad") or not item.examples.get("good"):
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
