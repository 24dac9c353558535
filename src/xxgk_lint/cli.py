"""Command line: `xxgk-lint [OPTIONS] PATH...`. Exit 0 clean, 1 findings, 2 usage or rule-file error."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = {".txt", ".md", ".html", ".htm"}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too; keep its words, drop its traceback-free exit
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xxgk-lint", description="政府信息公开工作年度报告合规检查 (annual report linter)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (folders: *.txt, *.md, *.html, *.htm)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--template", choices=("2019", "2021"), help="force the template instead of detecting it")
    parser.add_argument("--select", default="", help="comma-separated codes, prefixes or names to enable")
    parser.add_argument("--ignore", default="", help="comma-separated codes, prefixes or names to disable")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language (default zh)")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="extra rule file or folder; a rule with a bundled code replaces it")
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    return parser


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to lint, in a stable order; and the paths that do not exist."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(f"xxgk-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _main(argv: list[str]) -> int:
    from .engine import Selection, lint_bytes
    from .formatters import get
    from .rulesets import load_rules, RuleSetError

    args = build_parser().parse_intermixed_args(argv)
    if not args.paths:
        raise UsageError("no PATH given (try: xxgk-lint examples/)")
    try:
        rules = load_rules(args.rules)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_ERROR
    selection = Selection(_split(args.select), _split(args.ignore))
    rules = [r for r in rules if selection.enabled(r)]
    files, missing = discover(args.paths)
    for raw in missing:
        print(f"xxgk-lint: error: {raw}: no such file or directory", file=sys.stderr)
    diagnostics = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"xxgk-lint: error: {path}: {exc.strerror}", file=sys.stderr)
            missing.append(str(path))
            continue
        diagnostics += lint_bytes(os.fspath(path), data, rules, args.lang, args.template)
    sys.stdout.write(get(args.format).render(diagnostics, None))
    if missing:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_CLEAN
