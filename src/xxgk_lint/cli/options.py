"""The check command's options, written once: argparse's parser is built from this table, and
`speed.parse_plain` reads the usual command lines from it without argparse."""
from __future__ import annotations

from types import SimpleNamespace

from ..version import __version__
from ..output.formatters import FORMATS
from ..speed import Record, parse_plain


class Option(Record):
    """One option. kind: value | int | flag (store_true) | append."""

    __slots__ = ("group", "flags", "kind", "choices", "metavar", "help", "default", "dest")

    def __init__(self, group: str, flags: tuple[str, ...], kind: str, choices: tuple[str, ...] | None,
                 metavar: str | None, help: str | None, default: object = None) -> None:
        self.group = group
        self.flags = flags
        self.kind = kind
        self.choices = choices
        self.metavar = metavar
        self.help = help
        self.default = default if default is not None else {"flag": False, "append": []}.get(kind)
        self.dest = flags[0].lstrip("-").replace("-", "_")


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
    Option("fixes", ("--fix",), "flag", None, None, "apply the safe fixes (text files: .txt, .md, .html)"),
    Option("fixes", ("--unsafe-fixes",), "flag", None, None,
           "with --fix or --diff, also the unsafe ones (each change is listed)"),
    Option("fixes", ("--diff",), "flag", None, None, "show the fixes as a unified diff; write nothing"),
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


def parse_check_args(argv: list[str]) -> SimpleNamespace:
    """The check command's arguments, as argparse's `parse_intermixed_args` gives them."""
    return parse_plain(argv, CHECK_OPTIONS) or check_parser().parse_intermixed_args(argv)


def check_parser():
    """argparse's parser of the check command: --help, --version, abbreviations and every error."""
    from .argparsing import (
        Parser,  # argparse: only when parse_plain gives up (see speed.parse_plain)
    )

    parser = Parser(prog="xxgk-lint", description="政府信息公开工作年度报告合规检查 — lint annual reports on "
                                                    "government information disclosure against the national format.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (*.txt, *.md, *.html, *.htm, *.docx, *.pdf; *.doc, *.wps, *.odt with LibreOffice); - for stdin")
    groups: dict = {}
    for option in CHECK_OPTIONS:
        if option.group not in groups:
            groups[option.group] = parser.add_argument_group(option.group)
        groups[option.group].add_argument(*option.flags, **_argparse_keywords(option))
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    return parser


def _argparse_keywords(option: Option) -> dict:
    keywords: dict = {"help": option.help, "default": option.default}
    if option.kind == "flag":
        return {**keywords, "action": "store_true"}
    keywords.update(choices=option.choices, metavar=option.metavar)
    if option.kind == "int":
        keywords["type"] = int
    elif option.kind == "append":
        keywords["action"] = "append"
    return keywords


def split_list(value: str) -> list[str]:
    """`N001, C` → ["N001", "C"]: the comma-separated lists of --select and --ignore."""
    return [v.strip() for v in value.split(",") if v.strip()]
