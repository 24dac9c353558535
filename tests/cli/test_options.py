"""The check command's plain command-line parser (speed.parse_plain) gives what argparse gives."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk_lint.cli.errors import UsageError
from xxgk_lint.cli.options import CHECK_OPTIONS, check_parser, parse_check_args
from xxgk_lint.speed import parse_plain


def _parse_plain(argv: list[str]):
    return parse_plain(argv, CHECK_OPTIONS)


def argparse_result(argv: list[str]) -> dict | None:
    try:
        return vars(check_parser().parse_intermixed_args(argv))
    except (UsageError, SystemExit):
        return None


@pytest.mark.parametrize("argv", [
    [], ["report.txt"], ["a.md", "b/", "-"], ["--format", "json", "x.txt"], ["x.txt", "--format=sarif", "y.txt"],
    ["--no-cache", "--exit-zero", "-j", "2", "dir"], ["--jobs=0", "x"], ["--rules", "a.yaml", "--rules=b", "x"],
    ["--select", "", "--ignore", "N001,C", "--lang", "en", "x"], ["--output", "-", "x"], ["--color", "never", "x"],
    ["--stdin-filename", "r.md", "-"], ["--format", "json", "--format", "concise", "x"],
])
def test_plain_command_lines_parse_as_argparse_parses_them(argv):
    fast = _parse_plain(argv)
    assert fast is not None
    assert vars(fast) == argparse_result(argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["--version"], ["--form", "json", "x"], ["--format", "jsn", "x"], ["--jobs", "two", "x"],
    ["--jobs", "-1", "x"], ["-j4", "x"], ["--no-cache=1", "x"], ["--output"], ["--", "-x.txt"], ["-x.txt"],
])
def test_anything_else_is_left_to_argparse(argv):
    assert _parse_plain(argv) is None


def test_argparse_still_says_what_is_wrong():
    with pytest.raises(UsageError, match="invalid choice: 'jsn'"):
        parse_check_args(["--format", "jsn", "x"])


TOKENS = st.sampled_from(["x.txt", "dir/", "-", "--format", "json", "jsn", "--format=github", "--jobs", "3", "-j",
                          "-1", "--no-cache", "--exit-zero", "--rules", "r.yaml", "--select", "", "N00,C",
                          "--lang", "en", "--output", "--", "--statistics=1", "--fail-on", "warning", "-h",
                          "--templ", "2019", "--template", "--include-suppressed", "--color", "always"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=8))
def test_any_command_line_the_fast_parser_takes_argparse_takes_alike(argv):
    fast = _parse_plain(argv)
    if fast is not None:
        assert vars(fast) == argparse_result(argv)
