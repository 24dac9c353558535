"""Untrusted patterns in user rule files: what is accepted, what is refused, and that a refused
pattern is a located error of its rule file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from xxgk_lint.checks.patterns import regex_problem
from xxgk_lint.checks.rule import RuleFileError
from xxgk_lint.checks.validation import parse_and_validate

REPO = Path(__file__).resolve().parents[1]
RULE_FILES = sorted((REPO / "rules").glob("*.yaml"))
REPORT = REPO / "rules" / "examples" / "2021.md"
DOCS = "docs: {what: a, why: b, example: c, fix: d}\n"


def _error(run_cli, write, text: str) -> tuple[int, int, str]:
    """(line, column, message) of the one error the CLI reports for a rule file."""
    path = write("user.yaml", text)
    proc = run_cli("--rules", path, REPORT)  # fails on a traceback or "internal error"
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "P004" not in proc.stdout + proc.stderr
    match = re.search(rf"^{re.escape(str(path))}:(\d+):(\d+): error: (.+)$", proc.stderr, re.M)
    assert match, proc.stderr
    with pytest.raises(RuleFileError) as info:  # the library agrees
        parse_and_validate(path)
    assert (info.value.line, info.value.column, info.value.message) == \
        (int(match[1]), int(match[2]), match[3])
    return int(match[1]), int(match[2]), match[3]


# ================================================================ catastrophic backtracking

def _bundled_patterns() -> list[tuple[str, str]]:
    out = []
    for path in RULE_FILES:
        (doc,) = parse_and_validate(path)
        out += [(doc["code"], p) for p in doc.get("patterns", [])]
        out += [(doc["code"], f["pattern"]) for f in doc.get("figures", [])]
        out += [(doc["code"], doc["phrase"])] if "phrase" in doc else []
    return out


def test_every_bundled_pattern_is_accepted():
    patterns = _bundled_patterns()
    assert {code for code, _ in patterns} >= {"F001", "C005", "S004"}
    for code, pattern in patterns:
        assert regex_problem(pattern) == "", (code, pattern)


@pytest.mark.parametrize("pattern", [
    r"(?:未|没有|不)(?:收取)?.{0,12}?(?:信息处理费|处理费)",
    r"(?:x|y)*z", r"(a|b)+c", r"\d+(?:\.\d+)?", r"[\w-]+", r"[^，。,]{0,14}行政", r"[\u4e00-\u9fff]{2,}",
    r"(?:收取|收)?费", r"(?:\d|[a-f])+", r"[\s\S]*?元", r"(?:ab|cd)*e", r"^(?:一|二|三)、", r"(?:,\d{3})",
], ids=lambda p: p)
def test_safe_patterns_are_accepted(pattern):
    assert regex_problem(pattern) == ""


@pytest.mark.parametrize("pattern,fragment", [
    ("(a|a)+$", "begin alike"),
    ("(a|ab)*c", "begin alike"),
    (r"(\w|_)+$", "can both start with `_`"),
    ("(a+)+$", "repeats a group that itself repeats"),
    ("((ab)*)*", "repeats a group that itself repeats"),
    ("(?:ab|cd|ae)*f", "can both start with `a`"),
    ("(?:a|b?)*c", "can both start with"),
    ("(?:[a-z]|x1)+$", "can both start with `x`"),
    (r"(?:\d|1)+$", "can both start with `1`"),
    ("(?:.|a)+$", "can both start with `a`"),
    ("(?:a|)+b", "begin alike or can be empty"),
    ("(?i)(?:a|A1)+$", "can both start with"),
], ids=lambda p: p)
def test_catastrophic_patterns_are_refused(pattern, fragment):
    problem = regex_problem(pattern)
    assert fragment in problem and "exponential time" in problem


def test_bad_and_deeply_nested_patterns_never_raise():
    assert "does not compile" in regex_problem("(未收取")
    assert regex_problem("(?:" * 90 + "a" + ")" * 90) == ""
    for depth in (200, 2000):
        assert isinstance(regex_problem("(" * depth + "a" + ")" * depth), str)


def test_catastrophic_pattern_in_a_rule_file(run_cli, write):
    text = ("code: X002\nname: my-statement\nkind: required_statement\nseverity: error\nsection: 六\n"
            "patterns:\n  - '信息处理费'\n  - '(未|未收取)+$'\nmessage: \"{title}\"\nmessage_en: \"x\"\n" + DOCS)
    line, col, msg = _error(run_cli, write, text)
    assert (line, col) == (8, 5)
    assert "exponential time" in msg
