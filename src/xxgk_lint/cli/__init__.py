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

import os
import sys
from collections import namedtuple
from types import SimpleNamespace

from .. import __version__
from ..output.formatters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "rule", "check-rules", "generate-docs")


class UsageError(Exception):
    pass


# The check command's options, written once: `parse_check_args` reads a plain command line from
# this table; argparse, built from it by `check_parser`, takes over for --help, --version,
# abbreviations and every error (importing and building it costs more than linting a report).
# kind: value | int | flag (store_true) | append.
Option = namedtuple("Option", "group flags kind choices metavar help default", defaults=(None,))
CHECK_OPTIONS = (
    Option("output", ("--format",), "value", FORMATS, None,
           "default: github under GitHub Actions, full on a terminal, else concise"),
    Option("output", ("--output",), "value", None, "FILE", "write the report to FILE instead of standard output"),
    Option("output", ("--statistics",), "flag", None, None, "count findings per code instead of listing them"),
    Option("output", ("--lang",), "value", ("zh", "en"), None, "message language (default zh)"),
    Option("output", ("--color",), "value", ("auto", "always", "never"), None, None, "auto"),
    Option("rules", ("--select",), "value", None, None, "codes, prefixes or names to enable (comma-separated)", ""),
    Option("rules", ("--extend-select",), "value", None, None, "enable these in addition", ""),
    Option("rules", ("--ignore",), "value", None, None, "codes, prefixes or names to disable", ""),
    Option("rules", ("--rules",), "append", None, "PATH",
           "extra rule file or folder; a rule with a bundled code replaces it"),
    Option("rules", ("--template",), "value", ("2019", "2021"), None, "force the template instead of detecting it"),
    Option("rules", ("--fail-on",), "value", ("error", "warning"), None,
           "lowest severity that fails the run (default error)"),
    Option("rules", ("--exit-zero",), "flag", None, None, "exit 0 even when there are findings"),
    Option("configuration", ("--config",), "value", None, "FILE", "use this configuration file"),
    Option("configuration", ("--isolated",), "flag", None, None, "ignore configuration files"),
    Option("configuration", ("--show-settings",), "flag", None, None, "print the resolved settings and exit"),
    Option("configuration", ("--force-exclude",), "flag", None, None,
           "apply exclusions to files named on the command line"),
    Option("configuration", ("--stdin-filename",), "value", None, "NAME", "lint standard input as NAME (for editors)"),
    Option("performance", ("--jobs", "-j"), "int", None, "N", "worker processes (default: all cores)"),
    Option("performance", ("--no-cache",), "flag", None, None, "lint every file again (ignore .xxgk_lint_cache/)"),
    Option("suppressions and baselines", ("--include-suppressed",), "flag", None, None,
           "show suppressed findings (marked)"),
    Option("suppressions and baselines", ("--ignore-suppressions",), "flag", None, None,
           "ignore every suppression (audits)"),
    Option("suppressions and baselines", ("--write-baseline",), "value", None, "FILE",
           "record the current findings in FILE and exit"),
    Option("suppressions and baselines", ("--baseline",), "value", None, "FILE",
           "show only findings not recorded in FILE"),
)
_BY_FLAG = {flag: option for option in CHECK_OPTIONS for flag in option.flags}


def _dest(option: Option) -> str:
    return option.flags[0].lstrip("-").replace("-", "_")


def _default(option: Option):
    if option.default is not None:
        return option.default
    return {"flag": False, "append": []}.get(option.kind)


def parse_check_args(argv: list[str]) -> SimpleNamespace:
    """The check command's arguments, as argparse's `parse_intermixed_args` would give them."""
    return _parse_plain(argv) or check_parser().parse_intermixed_args(argv)


def _parse_plain(argv: list[str]) -> SimpleNamespace | None:
    """Exact option names, valid values and paths; None for anything else (argparse decides)."""
    values = {_dest(o): list(_default(o)) if o.kind == "append" else _default(o) for o in CHECK_OPTIONS}
    paths: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        flag, eq, value = token.partition("=")
        option = _BY_FLAG.get(flag)
        if option is None or (option.kind == "flag" and eq):
            return None  # --help, --version, an abbreviation, `--`, a mistake: argparse's business
        if option.kind == "flag":
            values[_dest(option)] = True
            continue
        if not eq:
            value = next(tokens, None)
            if value is None or (value.startswith("-") and value != "-"):
                return None
        if option.choices is not None and value not in option.choices:
            return None
        if option.kind == "int":
            if not (value.isascii() and value.isdigit()):
                return None
            value = int(value)
        if option.kind == "append":
            values[_dest(option)].append(value)
        else:
            values[_dest(option)] = value
    return SimpleNamespace(paths=paths, **values)


def check_parser():
    from .argparsing import Parser

    p = Parser(prog="xxgk-lint", description="政府信息公开工作年度报告合规检查 — lint annual reports on "
                                               "government information disclosure against the national format.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (*.txt, *.md, *.html, *.htm); - for stdin")
    groups: dict = {}
    for option in CHECK_OPTIONS:
        if option.group not in groups:
            groups[option.group] = p.add_argument_group(option.group)
        kwargs = {"help": option.help, "default": _default(option)}
        if option.kind == "flag":
            kwargs["action"] = "store_true"
        else:
            kwargs.update(choices=option.choices, metavar=option.metavar)
            kwargs.update({"int": {"type": int}, "append": {"action": "append"}}.get(option.kind, {}))
        groups[option.group].add_argument(*option.flags, **kwargs)
    p.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    return p


def new_parser(**kwargs):
    """An argparse parser for the other commands (argparse is imported only then)."""
    from .argparsing import Parser

    return Parser(**kwargs)


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


