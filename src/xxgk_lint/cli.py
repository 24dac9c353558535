"""Command line.

    xxgk-lint [check] [OPTIONS] PATH...     lint reports (the default command)
    xxgk-lint rules [--format text|json]    list the rules
    xxgk-lint rule CODE                     a rule's documentation
    xxgk-lint check-rules PATH...           validate rule files and run their examples
    xxgk-lint generate-docs DIR             write the rule docs as Markdown

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration, rule-file or
internal error (other files are still linted). Never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .formatters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "rule", "check-rules", "generate-docs")


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """argparse's own, given the terminal width so that it does not import `shutil` (and with it
    bz2, lzma and zlib) for every option it checks: 4 ms on every run."""

    def __init__(self, prog: str) -> None:
        columns = os.environ.get("COLUMNS", "")
        try:  # what shutil.get_terminal_size does
            columns = int(columns) if columns.isdigit() else os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 20))


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=_Formatter, **kwargs)

    def error(self, message):
        raise UsageError(message)


def check_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="xxgk-lint", description="政府信息公开工作年度报告合规检查 — lint annual reports on "
                                                "government information disclosure against the national format.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (*.txt, *.md, *.html, *.htm); - for stdin")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS,
                     help="default: github under GitHub Actions, full on a terminal, else concise")
    out.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true", help="count findings per code instead of listing them")
    out.add_argument("--lang", choices=("zh", "en"), help="message language (default zh)")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    run = p.add_argument_group("rules")
    run.add_argument("--select", default="", help="codes, prefixes or names to enable (comma-separated)")
    run.add_argument("--extend-select", default="", help="enable these in addition")
    run.add_argument("--ignore", default="", help="codes, prefixes or names to disable")
    run.add_argument("--rules", action="append", default=[], metavar="PATH",
                     help="extra rule file or folder; a rule with a bundled code replaces it")
    run.add_argument("--template", choices=("2019", "2021"), help="force the template instead of detecting it")
    run.add_argument("--fail-on", choices=("error", "warning"), help="lowest severity that fails the run (default error)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="use this configuration file")
    cfg.add_argument("--isolated", action="store_true", help="ignore configuration files")
    cfg.add_argument("--show-settings", action="store_true", help="print the resolved settings and exit")
    cfg.add_argument("--force-exclude", action="store_true", help="apply exclusions to files named on the command line")
    cfg.add_argument("--stdin-filename", metavar="NAME", help="lint standard input as NAME (for editors)")
    perf = p.add_argument_group("performance")
    perf.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    perf.add_argument("--no-cache", action="store_true", help="lint every file again (ignore .xxgk_lint_cache/)")
    sup = p.add_argument_group("suppressions and baselines")
    sup.add_argument("--include-suppressed", action="store_true", help="show suppressed findings (marked)")
    sup.add_argument("--ignore-suppressions", action="store_true", help="ignore every suppression (audits)")
    sup.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit")
    sup.add_argument("--baseline", metavar="FILE", help="show only findings not recorded in FILE")
    p.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    return p


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
        else:
            command, rest = "check", argv
        from . import commands

        return getattr(commands, command.replace("-", "_"))(rest)
    except UsageError as exc:
        print(f"xxgk-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # a bug: say so plainly, never a traceback
        print(f"xxgk-lint: internal error: {exc.__class__.__name__}: {exc} "
              "(please report it with the file that caused it)", file=sys.stderr)
        return EXIT_ERROR


def default_format(requested: str | None, configured: str | None, stream) -> str:
    if requested:
        return requested
    if configured:
        return configured
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if _isatty(stream) else "concise"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return _isatty(stream)


def dump_json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


