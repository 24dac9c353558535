"""Issue #4: configuration, suppressions, baselines, rule commands, output options — through the
real command line on real report text."""
from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
BLANK = BASE.replace("| 行政强制 | 0 |", "| 行政强制 | |")  # one N001 (warning)
BLANK_LINE = BASE[: BASE.index("| 行政强制 | 0 |")].count("\n") + 1
SUM = BASE.replace("| 0 | 0 | 0 | 0 | 12 |", "| 0 | 0 | 0 | 0 | 13 |", 1)  # C001 (+ C003 on 总计)


@pytest.fixture
def project(tmp_path):
    """A folder of reports: clean.md, blank.md (N001), sum.md (C001)."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "clean.md").write_text(BASE, "utf-8")
    (tmp_path / "reports" / "blank.md").write_text(BLANK, "utf-8")
    (tmp_path / "reports" / "sum.md").write_text(SUM, "utf-8")
    return tmp_path


def codes(proc) -> list[tuple[str, str]]:
    return [(d["path"].replace("\\", "/").rsplit("/", 1)[-1], d["code"]) for d in json.loads(proc.stdout)]


# --- configuration ------------------------------------------------------------------------------

def test_config_discovered_from_working_directory(project, run_cli):
    (project / "xxgk-lint.toml").write_text('ignore = ["N001"]\n', "utf-8")
    proc = run_cli("--format", "json", "reports", cwd=project / "reports" / ".." )
    assert ("blank.md", "N001") not in codes(proc)
    isolated = run_cli("--format", "json", "--isolated", "reports", cwd=project)
    assert ("blank.md", "N001") in codes(isolated)


def test_pyproject_table_and_show_settings(project, run_cli):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.xxgk-lint]\nselect = ["C"]\n', "utf-8")
    proc = run_cli("--format", "json", "reports", cwd=project)
    assert {c for _, c in codes(proc)} == {"C001", "C003", "C005"}  # C005: the text says 12 received
    shown = json.loads(run_cli("--show-settings", cwd=project).stdout)
    assert shown["settings"]["select"] == ["C"] and shown["config"].endswith("pyproject.toml")


def test_bad_config_reports_file_line_column(project, run_cli):
    (project / "xxgk-lint.toml").write_text('select = ["C"]\nextend-selct = ["N"]\n', "utf-8")
    proc = run_cli("reports", cwd=project)
    assert proc.returncode == 2
    assert "xxgk-lint.toml:2:1: error: unknown key `extend-selct` — did you mean `extend-select`?" in proc.stderr
    (project / "xxgk-lint.toml").write_text('select = ["C"\n', "utf-8")
    proc = run_cli("reports", cwd=project)
    assert proc.returncode == 2 and "xxgk-lint.toml:" in proc.stderr and "invalid TOML" in proc.stderr
    # nested past the parser's recursion: a configuration error too (run_cli fails on "internal error")
    for name, head in (("xxgk-lint.toml", ""), ("pyproject.toml", '[project]\nname = "x"\n[tool.xxgk-lint]\n')):
        (project / "xxgk-lint.toml").unlink(missing_ok=True)
        (project / name).write_text(f"{head}select = {'[' * 3000}{']' * 3000}\n", "utf-8")
        proc = run_cli("reports", cwd=project)
        assert proc.returncode == 2 and f"{name}:1:1: error: invalid TOML: arrays or tables nested too deeply" \
            in proc.stderr, proc.stderr


def test_per_file_ignores_severity_and_overrides(project, run_cli):
    (project / "xxgk-lint.toml").write_text(textwrap.dedent('''
        severity = {N001 = "error"}
        [per-file-ignores]
        "reports/sum.md" = ["C001"]
        [[overrides]]
        files = "reports/clean.md"
        template = "2019"
        '''), "utf-8")
    proc = run_cli("--format", "json", "reports", cwd=project)
    found = json.loads(proc.stdout)
    assert {d["severity"] for d in found if d["code"] == "N001"} == {"error"}
    assert ("sum.md", "C001") not in codes(proc) and ("sum.md", "C003") in codes(proc)
    assert ("clean.md", "T002") in codes(proc)  # read with the 2019 template: its rows are missing


def test_exclude_and_gitignore(project, run_cli):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("reports/sum.md\n", "utf-8")
    (project / "xxgk-lint.toml").write_text('extend-exclude = ["blank.md"]\n', "utf-8")
    assert codes(run_cli("--format", "json", "reports", cwd=project)) == [("clean.md", "S004")] or \
        {f for f, _ in codes(run_cli("--format", "json", "reports", cwd=project))} <= {"clean.md"}
    named = run_cli("--format", "json", "reports/blank.md", cwd=project)
    assert ("blank.md", "N001") in codes(named)  # a file named on the command line is linted…
    forced = run_cli("--format", "json", "--force-exclude", "reports/blank.md", cwd=project)
    assert codes(forced) == []  # …unless --force-exclude


# --- suppressions -----------------------------------------------------------------------------

def test_config_suppression_needs_a_reason_and_unused_ones_are_reported(project, run_cli):
    (project / "xxgk-lint.toml").write_text(textwrap.dedent('''
        [[suppress]]
        files = "reports/blank.md"
        code = "N001"
        location = "表二.六/行政强制/*"
        reason = "该项本年无数据，经核实"

        [[suppress]]
        files = "reports/clean.md"
        code = "C001"
        reason = "obsolete"
        '''), "utf-8")
    proc = run_cli("--format", "json", "reports", cwd=project)
    found = json.loads(proc.stdout)
    assert ("blank.md", "N001") not in codes(proc)
    unused = [d for d in found if d["code"] == "P003"]
    assert len(unused) == 1 and unused[0]["path"].endswith("xxgk-lint.toml") and unused[0]["line"] == 8
    audit = run_cli("--format", "json", "--ignore-suppressions", "reports", cwd=project)
    assert ("blank.md", "N001") in codes(audit)
    (project / "xxgk-lint.toml").write_text('[[suppress]]\nfiles = "*"\ncode = "N001"\n', "utf-8")
    proc = run_cli("reports", cwd=project)
    assert proc.returncode == 2 and "needs `reason`" in proc.stderr


def test_inline_markdown_suppressions(tmp_path, run_cli):
    text = BLANK.replace("| 行政强制 | |", "<!-- xxgk-lint: disable-next-line N001 -- 已核实 -->\n| 行政强制 | |")
    text = text.replace("六、其他需要报告的事项", "<!-- xxgk-lint: disable C001 -->\n六、其他需要报告的事项")
    (tmp_path / "r.md").write_text(text, "utf-8")
    found = json.loads(run_cli("--format", "json", "r.md", cwd=tmp_path).stdout)
    assert [(d["code"], d["line"]) for d in found] == [("P003", text[: text.index("<!-- xxgk-lint: disable C001")].count("\n") + 1)]
    shown = json.loads(run_cli("--format", "json", "--include-suppressed", "r.md", cwd=tmp_path).stdout)
    assert any(d["code"] == "N001" for d in shown)


def test_a_table_row_is_silenced_by_a_comment_at_its_end(tmp_path, run_cli):
    # disable-line: a comment line inside a Markdown table would end the table
    row = "| 行政强制 | |"
    assert row in BLANK
    text = BLANK.replace(row, row + " <!-- xxgk-lint: disable-line N001 -- 已核实 -->")
    (tmp_path / "r.md").write_text(text, "utf-8")
    assert json.loads(run_cli("--format", "json", "r.md", cwd=tmp_path).stdout) == []
    # only that line: the same comment on the next line silences nothing (P003), and N001 is back
    moved = BLANK.replace(row, row + "\n<!-- xxgk-lint: disable-line N001 -- 已核实 -->")
    (tmp_path / "r.md").write_text(moved, "utf-8")
    assert sorted(d["code"] for d in json.loads(run_cli("--format", "json", "r.md", cwd=tmp_path).stdout)) == ["N001", "P003"]


# --- baselines ----------------------------------------------------------------------------------

def test_baseline_shows_only_new_findings_and_counts_fixed(project, run_cli):
    assert run_cli("--write-baseline", "base.json", "reports", cwd=project).returncode == 0
    # the same findings after lines move (a paragraph added on top) are not new
    (project / "reports" / "sum.md").write_text("说明文字。\n\n" + SUM, "utf-8")
    proc = run_cli("--format", "json", "--baseline", "base.json", "reports", cwd=project)
    assert json.loads(proc.stdout) == [] and proc.returncode == 0
    (project / "reports" / "blank.md").write_text(BASE, "utf-8")  # fixed
    (project / "reports" / "clean.md").write_text(BASE.replace("| 行政处罚 | 4 |", "| 行政处罚 | -4 |"), "utf-8")
    proc = run_cli("--format", "json", "--baseline", "base.json", "reports", cwd=project)
    assert codes(proc) == [("clean.md", "N003")] and proc.returncode == 1
    assert "1 finding(s) recorded in base.json no longer occur" in proc.stderr


# --- commands and outputs -------------------------------------------------------------------------

def test_rules_and_rule_commands(run_cli):
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {"code": "C001", "name": "row-total-mismatch", "severity": "error", "kind": "sum_equals"}.items() <= \
        next(r for r in listed if r["code"] == "C001").items()
    shown = run_cli("rule", "blank-cell").stdout
    assert shown.startswith("N001 blank-cell") and "如何修改 / How to fix" in shown
    assert run_cli("rule", "Z999").returncode == 2


def test_check_rules_runs_examples(tmp_path, run_cli):
    ok = run_cli("check-rules", REPO / "rules")
    assert ok.returncode == 0 and ok.stdout.startswith(f"{len(list((REPO / 'rules').glob('*.yaml')))} rules")
    rule = (REPO / "rules" / "N003-negative-value.yaml").read_text("utf-8")
    (tmp_path / "x.yaml").write_text(rule.replace("| 行政处罚 | -4 |", "| 行政处罚 | 5 |"), "utf-8")
    proc = run_cli("check-rules", tmp_path / "x.yaml")
    assert proc.returncode == 2 and "N003 bad example 1: did not fire" in proc.stderr


def test_generated_docs_are_up_to_date(tmp_path, run_cli):
    assert run_cli("generate-docs", tmp_path).returncode == 0
    for page in tmp_path.iterdir():
        assert (REPO / "docs" / "rules" / page.name).read_text("utf-8") == page.read_text("utf-8"), \
            f"docs/rules/{page.name} is stale: run xxgk-lint generate-docs docs/rules"


def test_stdin_output_statistics_fail_on(tmp_path, run_cli):
    proc = run_cli("--format", "json", "--stdin-filename", "draft.md", "-", input=BLANK, cwd=tmp_path)
    assert [(d["path"], d["code"], d["line"]) for d in json.loads(proc.stdout)] == [("draft.md", "N001", BLANK_LINE)]
    assert proc.returncode == 0
    assert run_cli("--fail-on", "warning", "--stdin-filename", "d.md", input=BLANK, cwd=tmp_path).returncode == 1
    (tmp_path / "r.md").write_text(SUM, "utf-8")
    proc = run_cli("--statistics", "r.md", cwd=tmp_path)
    assert "C001  [error] row-total-mismatch" in proc.stdout and "C003" in proc.stdout
    assert run_cli("--output", "out.txt", "r.md", cwd=tmp_path).stdout == ""
    assert (tmp_path / "out.txt").read_text("utf-8").startswith("r.md:")
    refused = run_cli("--output", "r.md", "r.md", cwd=tmp_path)
    assert refused.returncode == 2 and (tmp_path / "r.md").read_text("utf-8") == SUM


def test_full_format_caret_under_the_cell(tmp_path, run_cli):
    (tmp_path / "r.md").write_text(BLANK, "utf-8")
    out = run_cli("--format", "full", "r.md", cwd=tmp_path).stdout.splitlines()
    source = next(i for i, l in enumerate(out) if l.startswith(f"{BLANK_LINE} | "))
    caret = out[source + 1]
    # "| 行政强制 | |": the blank cell stands after "| " (2), four CJK characters (2 columns each)
    # and " |" (2): 12 display columns past the gutter, not the 8 code points
    assert caret.index("^") == len(f"{BLANK_LINE} | ") + 12
    assert "\033[" not in "\n".join(out)  # not a terminal: no colour
    assert out[-1].startswith("共检查 1 个文件")


def test_github_actions_default_format_and_extend_rules_and_year_override(project, run_cli, tmp_path):
    import os

    env_proc = subprocess.run(
        [__import__("sys").executable, "-m", "xxgk_lint", "reports/sum.md"], cwd=project, capture_output=True,
        text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert all(line.startswith("::") for line in env_proc.stdout.splitlines())
    assert "::error file=reports/sum.md,line=" in env_proc.stdout and "title=C001 row-total-mismatch::" in env_proc.stdout
    (project / "house").mkdir()
    rule = (REPO / "rules" / "N001-blank-cell.yaml").read_text("utf-8")
    (project / "house" / "X001.yaml").write_text(
        rule.replace("code: N001", "code: X001").replace("name: blank-cell", "name: licences-filled")
        .replace("severity: warning", "severity: error").replace("cells: {}", 'cells: {tables: ["二.六"]}'), "utf-8")
    (project / "xxgk-lint.toml").write_text(textwrap.dedent('''
        extend-rules = ["house"]
        [[overrides]]
        files = "reports/clean.md"
        year = 2020
        '''), "utf-8")
    proc = run_cli("--format", "json", "reports", cwd=project)
    assert ("blank.md", "X001") in codes(proc) and proc.returncode == 1
    # a report declared to be on 2020 owes no fee statement even when it has none
    (project / "reports" / "clean.md").write_text(BASE.replace("本年度未收取信息处理费。", "无。"), "utf-8")
    assert ("clean.md", "F001") not in codes(run_cli("--format", "json", "reports", cwd=project))


def test_inline_suppression_in_html(tmp_path, run_cli):
    # a fragment: part 一 alone, two characters of text (S005 since issue 17), without a title
    html = ("<html><body><p>一、总体情况</p><!-- xxgk-lint: disable S001,S004,S005 -- 节选，仅含第一部分 -->"
            "<p>正文。</p></body></html>")
    (tmp_path / "r.html").write_text(html, "utf-8")
    assert json.loads(run_cli("--format", "json", "r.html", cwd=tmp_path).stdout) == []
    audit = json.loads(run_cli("--format", "json", "--ignore-suppressions", "r.html", cwd=tmp_path).stdout)
    assert {d["code"] for d in audit} == {"S001", "S004", "S005"}


def test_reports_are_never_written(project, run_cli):
    before = {p: p.read_bytes() for p in (project / "reports").iterdir()}
    assert run_cli("--output", "out.txt", "--write-baseline", "base.json", "reports", cwd=project).returncode == 0
    refused = run_cli("--write-baseline", "reports/sum.md", "reports", cwd=project)
    assert refused.returncode == 2 and "would be overwritten" in refused.stderr
    assert run_cli("--output", "nofolder/out.txt", "reports", cwd=project).returncode == 2
    assert {p: p.read_bytes() for p in (project / "reports").iterdir()} == before


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("target", [".", "reports"])
def test_a_folder_as_the_output_file_is_a_usage_error(project, run_cli, option, target):
    before = sorted(p.relative_to(project) for p in project.rglob("*") if ".xxgk_lint_cache" not in p.parts)
    proc = run_cli(option, target, "reports", cwd=project)
    assert proc.returncode == 2 and "is a folder" in proc.stderr and "internal error" not in proc.stderr
    after = sorted(p.relative_to(project) for p in project.rglob("*") if ".xxgk_lint_cache" not in p.parts)
    assert after == before  # no temp file left behind


def test_an_unwritable_output_file_is_a_usage_error(project, run_cli):
    (project / "taken").write_text("a file, not a folder", "utf-8")
    for option in ("--output", "--write-baseline"):
        proc = run_cli(option, "taken/out.txt", "reports", cwd=project)
        assert proc.returncode == 2 and "internal error" not in proc.stderr and "Traceback" not in proc.stderr

def test_sarif_says_why_when_a_rule_file_is_bad(project, run_cli):
    (project / "bad.yaml").write_text("code: X001\nname: x\nkind: nonsense\n", "utf-8")
    proc = run_cli("--format", "sarif", "--rules", "bad.yaml", "reports", cwd=project)
    assert proc.returncode == 2
    run = json.loads(proc.stdout)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False and run["results"] == []
    note = invocation["toolExecutionNotifications"][0]
    assert "unknown rule kind `nonsense`" in note["message"]["text"]


def test_baseline_lists_the_fixed_findings(project, run_cli):
    assert run_cli("--write-baseline", "base.json", "reports", cwd=project).returncode == 0
    (project / "reports" / "blank.md").write_text(BASE, "utf-8")
    proc = run_cli("--baseline", "base.json", "reports", cwd=project)
    assert "fixed: N001 reports/blank.md 表二.六/行政强制/本年处理决定数量" in proc.stderr
