"""Rule patterns: a user rule file's run on RE2 (linear time: no pattern can hang a lint), a bundled
rule's on `re`; what is refused, and that a refused pattern is a located error of its rule file."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xxgk_lint.checks.patterns import (
    compile_pattern,
    figure_group_problem,
    is_bundled,
    regex_problem,
)
from xxgk_lint.checks.rulefile import RuleFileError
from xxgk_lint.checks.ruleset import validate_file

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = sorted((REPO / "rules").glob("*.yaml"))
REPORT = REPO / "rules" / "examples" / "2021.md"
DOCS = "docs: {what: a, why: b, example: c, fix: d}\n"


def _statement_rule(pattern: str) -> str:
    """A user rule file whose second pattern (line 8, column 5) is `pattern`."""
    return ("code: X002\nname: my-statement\nkind: required_statement\nseverity: error\nsection: 六\n"
            f"patterns:\n  - '信息处理费'\n  - '{pattern}'\nmessage: \"{{title}}\"\nmessage_en: \"x\"\n" + DOCS)


def _error(run_cli, write, text: str) -> tuple[int, int, str]:
    """(line, column, message) of the one error the CLI reports for a rule file."""
    path = write("user.yaml", text)
    proc = run_cli("--rules", path, REPORT)  # fails on a traceback or "internal error"
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "P004" not in proc.stdout + proc.stderr
    match = re.search(rf"^{re.escape(str(path))}:(\d+):(\d+): error: (.+)$", proc.stderr, re.M)
    assert match, proc.stderr
    with pytest.raises(RuleFileError) as info:  # the library agrees
        validate_file(path)
    assert (info.value.line, info.value.column, info.value.message) == \
        (int(match[1]), int(match[2]), match[3])
    return int(match[1]), int(match[2]), match[3]


def _bundled_patterns() -> list[tuple[str, str]]:
    out = []
    for path in RULE_FILES:
        (doc,) = validate_file(path)
        out += [(doc["code"], p) for p in doc.get("patterns", [])]
        out += [(doc["code"], f["pattern"]) for f in doc.get("figures", [])]
        out += [(doc["code"], doc["phrase"])] if "phrase" in doc else []
    return out


# ================================================================ which engine runs a pattern

def test_every_bundled_pattern_is_accepted_and_runs_on_re():
    patterns = _bundled_patterns()
    assert {code for code, _ in patterns} >= {"F001", "C005", "S004"}
    for code, pattern in patterns:
        assert regex_problem(pattern) == "", (code, pattern)
        assert is_bundled(pattern)
        # the same text in a user rule file runs as the bundled rule does (some need lookbehind)
        assert isinstance(compile_pattern(pattern, trusted=False), re.Pattern)


def test_a_user_pattern_runs_on_re2():
    assert not isinstance(compile_pattern("信息处理费", trusted=False), re.Pattern)
    assert isinstance(compile_pattern("信息处理费", trusted=True), re.Pattern)


def test_re2_matches_offer_what_the_kinds_use_of_re():
    """search, finditer and sub; group, start and end by name or number, in code points."""
    pattern = compile_pattern(r"办结\s*(?P<n>\d+)\s*件", trusted=False)
    text = "全年共办结 12 件，其中办结3件。"
    match = pattern.search(text)
    assert (match.group("n"), match.start("n"), match.end("n"), match.span("n")) == ("12", 6, 8, (6, 8))
    assert (match.group(), match.start(), match.end(), match.group(1)) == ("办结 12 件", 3, 10, "12")
    assert [(m.group("n"), m.start("n")) for m in pattern.finditer(text)] == \
        [(m.group("n"), m.start("n")) for m in re.finditer(pattern.pattern, text)] == [("12", 6), ("3", 15)]
    assert pattern.search("未办结") is None
    phrase = compile_pattern("政府信息公开工作年度报告", trusted=False)
    assert phrase.sub("", "某局2023年政府信息公开工作年度报告") == "某局2023年"


def test_python_code_point_escapes_mean_the_same_on_re2():
    pattern = compile_pattern(r"[\u4e00-\u9fff]{2,}", trusted=False)
    assert pattern.search("ab中文c").span() == (2, 4)
    assert compile_pattern(r"\\u4e00", trusted=False).search(r"a\u4e00").group() == r"\u4e00"


# ================================================================ refused patterns

@pytest.mark.parametrize("pattern", [
    r"(?:未|没有|不)(?:收取)?.{0,12}?(?:信息处理费|处理费)",
    r"(?:x|y)*z", r"(a|b)+c", r"\d+(?:\.\d+)?", r"[\w-]+", r"[^，。,]{0,14}行政", r"[\u4e00-\u9fff]{2,}",
    r"(?:收取|收)?费", r"(?:\d|[a-f])+", r"[\s\S]*?元", r"(?:ab|cd)*e", r"^(?:一|二|三)、", r"(?:,\d{3})",
], ids=lambda p: p)
def test_safe_patterns_are_accepted(pattern):
    assert regex_problem(pattern) == ""


# Each takes `re` exponential time on a short line that fails to match. They used to be refused
# (an analyser of the pattern's structure): on RE2 they are safe, and so accepted.
CATASTROPHIC = ["(a|a)+$", "(a|ab)*c", r"(\w|_)+$", "(a+)+$", "((ab)*)*$", "(?:ab|cd|ae)*f", "(?:a|b?)*c",
                "(?:[a-z]|x1)+$", r"(?:\d|1)+$", "(?:.|a)+$", "(?:a|)+b", "(?i)(?:a|A1)+$"]


@pytest.mark.parametrize("pattern", CATASTROPHIC, ids=lambda p: p)
def test_catastrophic_patterns_load_and_run_in_linear_time(pattern):
    assert regex_problem(pattern) == ""
    compiled = compile_pattern(pattern, trusted=False)
    for char in "a1_":
        hostile = char * 30 + "!"  # hours with `re` for most of these
        start = time.perf_counter()
        list(compiled.finditer(hostile * 100))
        assert time.perf_counter() - start < 2


def test_bad_and_deeply_nested_patterns_never_raise():
    assert "does not compile" in regex_problem("(未收取")
    assert regex_problem("(?:" * 90 + "a" + ")" * 90) == ""
    for depth in (200, 2000):
        assert isinstance(regex_problem("(" * depth + "a" + ")" * depth), str)
    assert "does not compile" in regex_problem("a\ud800")  # a YAML escape can make a lone surrogate


@pytest.mark.parametrize("pattern,syntax", [
    ("(?<!事业性)收费", "(?<!"), ("收费(?=情况)", "(?="), (r"(费)\1", r"\1"), ("(?>收)费", "(?>"), ("收++费", "++"),
    ("(?x) 收 费", "(?x"),
], ids=lambda p: p)
def test_python_only_syntax_in_a_user_pattern_is_refused(pattern, syntax):
    problem = regex_problem(pattern)
    assert "user rule files do not support" in problem and syntax in problem and "RE2" in problem


def test_python_only_syntax_in_a_rule_file_is_located(run_cli, write):
    line, col, msg = _error(run_cli, write, _statement_rule("(?<!事业性)收费"))
    assert (line, col) == (8, 5)
    assert "RE2" in msg and "lookaround" in msg


def test_bad_pattern_in_a_rule_file_is_located(run_cli, write):
    line, col, msg = _error(run_cli, write, _statement_rule("(未收取"))
    assert (line, col) == (8, 5)
    assert msg.startswith("pattern does not compile: missing )")


def test_catastrophic_pattern_in_a_rule_file_loads(run_cli, write):
    path = write("user.yaml", _statement_rule("(未|未收取)+$"))
    proc = run_cli("rules", "--rules", path)
    assert proc.returncode == 0, proc.stderr


def test_catastrophic_user_regex_loads_and_lints(run_cli, tmp_path):
    """Moved from test_robustness.py, where such a pattern was refused: on RE2 it is safe."""
    rule = (REPO / "rules" / "F001-missing-fee-statement.yaml").read_text("utf-8")
    rule = rule.replace("code: F001", "code: X009").replace("name: missing-fee-statement", "name: slow")
    rule = rule.replace("  - '收取.{0,16}?", "  - '(a+)+$'\n  - '收取.{0,16}?")
    (tmp_path / "slow.yaml").write_text(rule, "utf-8")
    # part 六, where the rule's patterns run (a text of no part would be no annual report: P005 alone)
    (tmp_path / "r.txt").write_text("六、其他需要报告的事项\n" + "a" * 50000 + "!", "utf-8")
    start = time.perf_counter()
    proc = run_cli("--rules", "slow.yaml", "r.txt", cwd=tmp_path)
    assert time.perf_counter() - start < 10
    assert proc.returncode == 1 and "slow.yaml:" not in proc.stderr


def test_linting_a_hostile_line_with_a_catastrophic_user_pattern_is_quick(run_cli, write):
    rule = write("user.yaml", _statement_rule("(未|未)+$"))
    report = write("report.md", REPORT.read_text(encoding="utf-8").replace("本年度未收取信息处理费。", "未" * 40 + "。"))
    start = time.perf_counter()
    proc = run_cli("--no-cache", "--rules", rule, report)  # `re` would take days on this part
    assert time.perf_counter() - start < 10  # a subprocess: start-up and the whole lint
    assert proc.returncode == 1 and "X002" in proc.stdout


# ================================================================ the figure's number

@pytest.mark.parametrize("pattern,fragment", [
    (r"办结(?P<m>\d+)件", "needs a group `(?P<n>…)`"),
    (r"办结(?P<n>[一二三十]+)件", "must match digits only"),
    (r"办结(?P<n>[\d,]+)件", "must match digits only"),
    (r"办结(?P<n>\d*)件", "must match digits only"),
    (r"办结(?P<n>\p{Nd}+)件", "must match digits only"),
    (r"办结(?P<n>.+)件", "must match digits only"),
    (r"办结(?:(?P<n>\d+)件)?", "is optional or inside an alternative"),
    (r"办结(?:共(?P<n>\d+)件|若干件)", "is optional or inside an alternative"),
    (r"办结(?P<n>\d+)件|共计", "is optional or inside an alternative"),
    (r"(?:办结(?P<n>\d+)件){0,2}", "is optional or inside an alternative"),
    (r"办结(?P<n>\d+)??件", "is optional or inside an alternative"),
])
def test_figure_number_group_problems(pattern, fragment):
    assert fragment in figure_group_problem(pattern)


@pytest.mark.parametrize("pattern", [
    r"办结\s*(?P<n>\d+)\s*件", r"(?:办结|答复)(?P<n>\d+|[0-9]+)件", r"办结(?<n>\d{1,6})件", r"(?:办结(?P<n>\d+)件){1,2}",
    r"[\u4e00-\u9fff]{2}(?P<n>[0-9]+)件", r"(?i:办结)(?P<n>(?:\d)+)件",
    *(f["pattern"] for path in RULE_FILES for f in validate_file(path)[0].get("figures", []) if "stated" not in f),
], ids=lambda p: p)
def test_good_figure_patterns(pattern):
    assert figure_group_problem(pattern) == ""


def test_a_figure_pattern_that_does_not_compile_is_reported_once():
    assert figure_group_problem("办结(?P<n>\\d+件") == "" and "does not compile" in regex_problem("办结(?P<n>\\d+件")


# ================================================================ start-up

def _loads_re2(*args: str, cwd) -> bool:
    probe = ("import sys; from xxgk_lint.cli import main; main(['--exit-zero', *sys.argv[1:]]); "
             "print('re2' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd)
    return proc.stderr.strip().splitlines()[-1] == "True"


def test_linting_with_the_bundled_rules_does_not_import_re2(tmp_path, write):
    report = str(REPO / "examples" / "004_a16ce7be3385554c.txt")
    assert not _loads_re2("--no-cache", report, cwd=tmp_path)
    assert not _loads_re2(report, cwd=tmp_path)
    assert not _loads_re2("--no-cache", "--rules", str(REPO / "rules"), report, cwd=tmp_path)
    # the probe can see it: a user's own pattern needs it
    rule = write("user.yaml", _statement_rule("信息处理费用"))
    assert _loads_re2("--no-cache", "--rules", str(rule), report, cwd=tmp_path)


@pytest.mark.parametrize("pattern", [r"办结(?P<n>[０-９]+)件", r"办结(?P<n>[0-9０-９]+)件", r"办结(?P<n>٣+)件",
                                     r"办结(?P<n>\d{1,4})件"])
def test_a_figure_group_of_any_decimal_digits_is_accepted(pattern):
    """int() reads every script's decimal digits: such a group is a number in every match."""
    assert figure_group_problem(pattern) == ""
