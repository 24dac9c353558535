"""The command line, run as a user runs it (`python -m xxgk_lint` in a subprocess), on real reports."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "tests" / "fixtures" / "reports"
EXAMPLES = REPO / "rules" / "examples"
CLEAN = sorted(REPORTS.glob("00[014]_*.txt"))
ERRORS = sorted(REPORTS.glob("00[23]_*.txt"))
R003 = REPORTS / "003_3fb225ce4533ee68.txt"
R002 = REPORTS / "002_6f4406728cdecfc5.txt"

TEXT_LINE = re.compile(r"^(?P<path>.+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<code>[A-Z]\d{3}) (?P<msg>\S.*)$")

ROW_ONE = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
ROW_ONE_BAD = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
BLANK_强制 = ("| 行政强制 | 0 | | |", "| 行政强制 | | | |")
BLANK_许可 = ("| 行政许可 | 56 | | |", "| 行政许可 | | | |")
NO_FEE = ("本年度未收取信息处理费。", "无。")


# ---------------------------------------------------------------- helpers

def cells(line: str) -> list[tuple[int, str]]:
    """(1-based column of the cell's first non-space character, stripped text) for each cell of a
    `| a | b |` row, computed independently of the linter."""
    parts = line.split("|")
    out, pos = [], 0
    for i, part in enumerate(parts):
        start = pos
        pos += len(part) + 1
        if i == 0 or i == len(parts) - 1:
            continue
        stripped = part.strip()
        lead = len(part) - len(part.lstrip()) if stripped else 0  # a blank cell: its first character
        out.append((start + lead + 1, stripped))
    return out


def line_of(text: str, needle: str) -> int:
    lines = text.split("\n")
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def codes(findings) -> set[str]:
    return {f["code"] for f in findings}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- discovering files

def test_folder_recurses_into_report_files_and_ignores_other_suffixes(run_json, write, tmp_path):
    report = R003.read_bytes()
    write("d/top.txt", report)
    write("d/sub/deeper/inner.md", report)
    write("d/sub/draft.docx", b"not a zip")  # documents are picked up (tests/e2e/test_docx.py reads real ones)
    write("d/published.PDF", b"not a pdf")
    # (*.html / *.htm are read too since commit 426ca50; not covered here)
    for name in ("d/sub/skip.csv", "d/sub/skip.txt.bak", "d/noext", "d/sub/x.md~", "d/sub/~$draft.docx"):
        write(name, report)  # same report: were they linted, they would show findings
    proc, findings = run_json("d", cwd=tmp_path)
    assert proc.returncode == 1
    paths = {Path(f["path"]).as_posix() for f in findings}
    assert paths == {"d/top.txt", "d/sub/deeper/inner.md", "d/sub/draft.docx", "d/published.PDF"}
    assert {f["code"] for f in findings if f["path"].endswith(("docx", "PDF"))} == {"P001"}


def test_file_and_folder_arguments_together(run_json, write, tmp_path):
    write("d/a.txt", R003.read_bytes())
    write("single.md", R002.read_bytes())
    _, findings = run_json("single.md", "d", cwd=tmp_path)
    assert {Path(f["path"]).as_posix() for f in findings} == {"single.md", "d/a.txt"}


def test_explicit_file_is_linted_whatever_its_suffix(run_json, write, tmp_path):
    write("report.text", R003.read_bytes())
    _, findings = run_json("report.text", cwd=tmp_path)
    assert findings and {f["path"] for f in findings} == {"report.text"}


def test_options_before_or_after_paths_give_the_same_output(run_cli):
    after = run_cli("tests/fixtures/reports", "--format", "json")
    before = run_cli("--format", "json", "tests/fixtures/reports")
    assert after.returncode == before.returncode == 1
    assert after.stdout == before.stdout
    assert json.loads(after.stdout)  # not an empty run
    mixed = run_cli(str(R002), "--select", "N001", str(R003), "--lang", "en", "--format", "json")
    front = run_cli("--select", "N001", "--lang", "en", "--format", "json", str(R002), str(R003))
    assert mixed.stdout == front.stdout
    data = json.loads(mixed.stdout)
    assert codes(data) == {"N001"}
    assert {f["path"] for f in data} == {str(R002), str(R003)}
    assert all("is blank" in f["message"] for f in data)


# ---------------------------------------------------------------- output formats

@pytest.mark.parametrize("fmt", [[], ["--format", "text"]], ids=["default", "text"])
def test_text_output_is_exactly_path_line_col_code_message(run_cli, run_json, fmt):
    text = run_cli(*fmt, "tests/fixtures/reports")
    _, findings = run_json("tests/fixtures/reports")
    lines = text.stdout.splitlines()
    assert text.stdout.endswith("\n")
    assert len(lines) == len(findings) > 20
    for line in lines:
        assert TEXT_LINE.match(line), line
    # same findings, same order, in exactly this shape
    assert lines == [f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in findings]
    assert "tests/fixtures/reports/003_3fb225ce4533ee68.txt:14:7: N001 " in text.stdout


def test_text_output_is_sorted_by_path_line_column(run_cli):
    out = run_cli("tests/fixtures/reports").stdout.splitlines()
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(TEXT_LINE.match, out)]
    assert keys == sorted(keys)
    assert len({k[0] for k in keys}) >= 2  # at least 002 and 003


def test_output_is_sorted_by_path_whatever_the_argument_order(run_cli):
    out = run_cli(str(R003), str(R002)).stdout.splitlines()
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(TEXT_LINE.match, out)]
    assert len({k[0] for k in keys}) == 2
    assert keys == sorted(keys)


def test_folder_output_is_sorted_by_path_string(run_cli, write, tmp_path):
    write("d/a/x.txt", R003.read_bytes())
    write("d/a-b.txt", R002.read_bytes())
    out = run_cli("d", cwd=tmp_path).stdout.splitlines()
    paths = [TEXT_LINE.match(line)["path"] for line in out]
    assert len(set(paths)) == 2
    assert paths == sorted(paths)


def test_json_output_is_one_array_with_exactly_the_documented_keys(run_cli):
    proc = run_cli("--format", "json", "tests/fixtures/reports", str(EXAMPLES))
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) > 20
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "related"}
    for item in data:
        assert set(item) == keys
        for k in ("line", "column", "end_line", "end_column"):
            assert type(item[k]) is int and item[k] >= 1
        assert (item["end_line"], item["end_column"]) >= (item["line"], item["column"])
        assert re.fullmatch(r"[A-Z]\d{3}", item["code"])
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", item["name"])
        assert item["severity"] in ("error", "warning", "info")
        assert isinstance(item["message"], str) and item["message"]
        assert isinstance(item["related"], list)
        for rel in item["related"]:
            assert set(rel) == {"line", "column", "message"}
            assert type(rel["line"]) is int and type(rel["column"]) is int


def test_json_output_on_clean_reports_is_an_empty_array(run_cli):
    bases = [str(EXAMPLES / "2021.md"), str(EXAMPLES / "2019.md")]  # the clean bundled example reports
    proc = run_cli("--format", "json", *bases)
    assert proc.returncode == 0
    assert proc.stdout == "[]\n"
    assert run_cli(*bases).stdout == ""


# ---------------------------------------------------------------- arithmetic findings and `related`

def test_c001_points_at_the_total_and_lists_all_six_addends(run_json, write, example_2021, edit_text, tmp_path):
    text = edit_text(example_2021, ROW_ONE, ROW_ONE_BAD)
    path = write("r.md", text)
    proc, findings = run_json(path)
    assert proc.returncode == 1
    line = line_of(text, ROW_ONE_BAD)
    row = dict(zip(T3_COLUMNS, cells(ROW_ONE_BAD)[2:]))  # after the label and the empty second cell
    c001 = [f for f in findings if f["code"] == "C001"]
    assert len(c001) == 1
    f = c001[0]
    total_col, total_text = row["总计"]
    assert total_text == "13"
    assert (f["line"], f["column"]) == (line, total_col)
    assert (f["end_line"], f["end_column"]) == (line, total_col + 2)
    assert f["severity"] == "error" and f["name"] == "row-total-mismatch"
    assert "13" in f["message"] and "12" in f["message"]
    assert len(f["related"]) == 6
    expected = [(line, row[c][0], c, row[c][1]) for c in T3_COLUMNS[:-1]]
    got = [(r["line"], r["column"]) for r in f["related"]]
    assert sorted(got) == sorted((e[0], e[1]) for e in expected)
    for rel in f["related"]:
        label, value = next((c, v) for (l, col, c, v) in expected if (l, col) == (rel["line"], rel["column"]))
        assert f"「{label}」" in rel["message"] and rel["message"].endswith(f"= {value}")


def test_c003_balance_points_at_the_results_total_with_the_other_three_cells(run_json, write, example_2021,
                                                                             edit_text):
    text = edit_text(example_2021, ROW_ONE, ROW_ONE_BAD)
    _, findings = run_json(write("r.md", text))
    c003 = [f for f in findings if f["code"] == "C003"]
    assert len(c003) == 1  # only the 总计 column is out of balance
    lines = text.split("\n")
    n_total = line_of(text, "| | （七）总计 |")
    n_one = line_of(text, ROW_ONE_BAD)
    n_two = line_of(text, "| 二、上年结转政府信息公开申请数量 |")
    n_four = line_of(text, "| 四、结转下年度继续办理 |")
    col = lambda n: cells(lines[n - 1])[-1][0]  # noqa: E731 - the 总计 column is the last cell
    assert (c003[0]["line"], c003[0]["column"]) == (n_total, col(n_total))
    assert sorted((r["line"], r["column"]) for r in c003[0]["related"]) == sorted(
        [(n_one, col(n_one)), (n_two, col(n_two)), (n_four, col(n_four))])


def test_c002_related_lists_every_result_row_of_the_column(run_json, write, example_2021, edit_text):
    old = "| 三、本年度办理结果 | （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
    new = "| 三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |"
    text = edit_text(example_2021, old, new)
    _, findings = run_json(write("r.md", text))
    c002 = {f["column"]: f for f in findings if f["code"] == "C002"}
    n_total = line_of(text, "| | （七）总计 |")
    first, last = line_of(text, new), line_of(text, "| | 3.其他 |")
    lines = text.split("\n")
    total_cells = cells(lines[n_total - 1])
    # the 自然人 column (6+1 ≠ 10) and the 总计 column (7+1 ≠ 12)
    assert set(c002) == {total_cells[2][0], total_cells[-1][0]}
    for f in c002.values():
        assert f["line"] == n_total
        # （一）、（二） and the 8 + 3 + 5 + 3 sub-rows of （三）–（六）: 21 addends, one per line
        assert len(f["related"]) == 21
        assert sorted(r["line"] for r in f["related"]) == list(range(first, last + 1))
    nat = c002[total_cells[2][0]]
    for rel in nat["related"]:
        assert rel["column"] == cells(lines[rel["line"] - 1])[-7][0]  # the 自然人 cell of that line


def test_c004_review_total(run_json, write, example_2021, edit_text):
    text = edit_text(example_2021, "| 1 | 0 | 0 | 1 | 2 |", "| 1 | 0 | 0 | 1 | 3 |")
    _, findings = run_json(write("r.md", text))
    c004 = [f for f in findings if f["code"] == "C004"]
    assert len(c004) == 1
    n = line_of(text, "| 1 | 0 | 0 | 1 | 3 |")
    row = cells(text.split("\n")[n - 1])
    assert (c004[0]["line"], c004[0]["column"]) == (n, row[4][0])
    assert sorted((r["line"], r["column"]) for r in c004[0]["related"]) == [(n, c[0]) for c in row[:4]]


# ---------------------------------------------------------------- exit codes

@pytest.mark.parametrize("report", CLEAN, ids=lambda p: p.name[:3])
def test_clean_report_exits_0_without_errors(run_cli, run_json, report):
    proc = run_cli(report)
    assert proc.returncode == 0
    assert "error:" not in proc.stderr
    _, findings = run_json(report)
    assert [f for f in findings if f["severity"] == "error"] == []


@pytest.mark.parametrize("report", ERRORS, ids=lambda p: p.name[:3])
def test_report_with_an_error_finding_exits_1(run_cli, run_json, report):
    proc = run_cli(report)
    assert proc.returncode == 1
    assert proc.stdout and "error:" not in proc.stderr
    _, findings = run_json(report)
    assert any(f["severity"] == "error" for f in findings)


def test_warnings_only_exit_0(run_json, write, example_2021, edit_text):
    path = write("r.md", edit_text(example_2021, *BLANK_强制))
    proc, findings = run_json(path)
    assert proc.returncode == 0
    assert [(f["code"], f["severity"]) for f in findings] == [("N001", "warning")]


def test_exit_zero_gives_0_with_error_findings(run_cli):
    proc = run_cli("--exit-zero", *map(str, ERRORS))
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) > 20


def test_missing_path_exits_2_and_still_lints_the_others(run_cli, tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run_cli(missing, R003)
    assert proc.returncode == 2
    assert str(missing) in proc.stderr
    assert "003_3fb225ce4533ee68.txt:14:7: N001" in proc.stdout
    assert run_cli("--exit-zero", missing).returncode == 2


@pytest.mark.parametrize("args", [
    ["--no-such-option", "tests/fixtures/reports"],
    ["tests/fixtures/reports", "--no-such-option"],
    ["--format", "xml", "tests/fixtures/reports"],
    ["--lang", "fr", "tests/fixtures/reports"],
    ["--template", "2020", "tests/fixtures/reports"],
    [],
], ids=["unknown-option-first", "unknown-option-last", "bad-format", "bad-lang", "bad-template", "no-path"])
def test_usage_errors_exit_2_with_a_message_and_no_output(run_cli, args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("xxgk-lint: error:")


def test_bad_rules_file_exits_2_even_with_exit_zero(run_cli, write):
    bad = write("bad.yaml", "code: [unclosed\n")
    for extra in ([], ["--exit-zero"]):
        proc = run_cli(*extra, "--rules", bad, *map(str, CLEAN))
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert f"{bad}:" in proc.stderr and ": error: " in proc.stderr


def test_missing_rules_file_exits_2(run_cli, tmp_path):
    proc = run_cli("--rules", tmp_path / "none.yaml", CLEAN[0])
    assert proc.returncode == 2 and "none.yaml" in proc.stderr


def test_version_and_help_exit_0(run_cli):
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("xxgk-lint ")
    helped = run_cli("--help")
    assert helped.returncode == 0 and "--select" in helped.stdout


def test_console_script_behaves_like_python_m(run_cli):
    script = Path(sys.executable).with_name("xxgk-lint")
    if not script.exists():
        pytest.skip("console script not installed next to this interpreter")
    import subprocess
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([str(script), "tests/fixtures/reports"], cwd=REPO, capture_output=True, env=env)
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8") == run_cli("tests/fixtures/reports").stdout


# ---------------------------------------------------------------- selecting rules

@pytest.fixture
def many_findings(write, example_2021, edit_text):
    """One report with C001, C003 (errors), N001 (warning) and F001 (error)."""
    text = edit_text(example_2021, ROW_ONE, ROW_ONE_BAD)
    text = edit_text(text, "收到政府信息公开申请12件", "收到政府信息公开申请13件")  # keep the prose consistent
    text = edit_text(text, *BLANK_强制)
    text = edit_text(text, *NO_FEE)
    return write("many.md", text)


def test_all_rules_run_by_default(run_json, many_findings):
    _, findings = run_json(many_findings)
    assert codes(findings) == {"C001", "C003", "N001", "F001"}


def test_select_by_prefix_and_code(run_json, many_findings):
    _, findings = run_json("--select", "C,F001", many_findings)
    assert codes(findings) == {"C001", "C003", "F001"}
    _, findings = run_json("--select", "C003", many_findings)
    assert codes(findings) == {"C003"}


def test_ignore_by_code(run_json, run_cli, many_findings):
    _, findings = run_json("--ignore", "N001", many_findings)
    assert codes(findings) == {"C001", "C003", "F001"}
    _, findings = run_json("--ignore", "C,F", many_findings)
    assert codes(findings) == {"N001"}
    assert run_cli("--ignore", "C,F", many_findings).returncode == 0  # only a warning left


def test_select_by_name(run_json, many_findings):
    _, findings = run_json("--select", "blank-cell", many_findings)
    assert codes(findings) == {"N001"}
    _, findings = run_json("--select", "row-total-mismatch,missing-fee-statement", many_findings)
    assert codes(findings) == {"C001", "F001"}
    _, findings = run_json("--ignore", "blank-cell", many_findings)
    assert "N001" not in codes(findings) and "C001" in codes(findings)


def test_select_and_ignore_together(run_json, many_findings):
    _, findings = run_json("--select", "C", "--ignore", "C003", many_findings)
    assert codes(findings) == {"C001"}


# ---------------------------------------------------------------- language

def test_default_language_is_chinese(run_json, many_findings):
    _, findings = run_json(many_findings)
    n001 = next(f for f in findings if f["code"] == "N001")
    assert n001["message"].endswith("为空；没有数据应填 0")
    c001 = next(f for f in findings if f["code"] == "C001")
    assert "但自然人与五类法人或其他组织之和为 12" in c001["message"]


def test_lang_en_gives_english_messages(run_json, run_cli, many_findings):
    _, zh = run_json(many_findings)
    _, en = run_json("--lang", "en", many_findings)
    assert [(f["line"], f["column"], f["code"]) for f in en] == [(f["line"], f["column"], f["code"]) for f in zh]
    by_code = {f["code"]: f for f in en}
    assert by_code["N001"]["message"].endswith("is blank; write 0 where there is none")
    assert "the six applicant columns add up to 12 (off by 1)" in by_code["C001"]["message"]
    assert by_code["F001"]["message"].startswith("part 六 does not say whether")
    for rel in by_code["C001"]["related"]:
        assert rel["message"].startswith("table 3 row ")
    for f, z in zip(en, zh):
        assert f["message"] != z["message"]
        assert len(re.findall(r"\b[a-z]{3,}\b", f["message"])) >= 3  # English words around quoted labels
    assert "is blank" in run_cli("--lang", "en", many_findings).stdout


# ---------------------------------------------------------------- template option

def test_forcing_the_2019_template_on_a_2021_report_changes_findings(run_json):
    report = EXAMPLES / "2021.md"
    _, detected = run_json(report)
    assert detected == []
    _, forced = run_json("--template", "2019", report)
    assert {"T001", "T002"} <= codes(forced)
    t001 = [f["message"] for f in forced if f["code"] == "T001"]
    assert any("第二十条第（九）项" in m for m in t001)  # 2019 has 二.九 (政府集中采购); 2021 does not
    t002 = [f["message"] for f in forced if f["code"] == "T002"]
    assert any("其他对外管理服务事项" in m for m in t002)


def test_forcing_the_2021_template_on_a_2019_report(run_json):
    report = EXAMPLES / "2019.md"
    _, detected = run_json(report)
    assert detected == []
    _, forced = run_json("--template", "2021", report)
    assert "T004" in codes(forced)
    _, same = run_json("--template", "2019", report)
    assert same == []


# ---------------------------------------------------------------- user rule files

N001_AS_ERROR = """\
code: N001
name: blank-cell
kind: cell_value
severity: error
check: not_blank
cells: {}
message: "自定义：{cell}不得为空"
message_en: "custom: {cell} must not be blank"
docs:
  what: 单元格为空。
  why: 本单位要求所有单元格都填写。
  example: 「行政强制 | |」。
  fix: 填 0。
"""

X001 = """\
code: X001
name: licence-count-filled
kind: cell_value
severity: error
check: not_blank
cells:
  tables: [二.五]
message: "本单位要求填写{cell}"
message_en: "our office requires {cell} to be filled"
docs:
  what: 表二第二十条第（五）项的行政许可数量为空。
  why: 本单位的内部要求。
  example: 「行政许可 | |」。
  fix: 填写数量。
"""

X002 = """\
code: X002
name: no-review-cases
kind: sum_equals
severity: error
table: 四
per: row
relation: 复议.总计 = 复议.维持
message: "表四：复议总计 {total} 与结果维持 {sum} 不同"
message_en: "table 4: review total {total} differs from upheld {sum}"
docs:
  what: 行政复议总计应等于结果维持。
  why: 测试用规则。
  example: 「1 | 0 | 0 | 1 | 2」。
  fix: 无。
"""


def test_user_rule_overrides_a_bundled_code(run_json, run_cli, write, example_2021, edit_text):
    report = write("r.md", edit_text(example_2021, *BLANK_强制))
    rules = write("n001.yaml", N001_AS_ERROR)
    assert run_cli(report).returncode == 0  # the bundled N001 is a warning
    proc = run_cli("--rules", rules, report)
    assert proc.returncode == 1
    _, findings = run_json("--rules", rules, report)
    assert [(f["code"], f["severity"]) for f in findings] == [("N001", "error")]  # replaced, not added
    assert findings[0]["message"] == "自定义：表二第二十条第（六）项「行政强制」不得为空"
    _, en = run_json("--rules", rules, "--lang", "en", report)
    assert en[0]["message"].startswith("custom: ")


def test_user_rule_overrides_on_a_real_report(run_cli, tmp_path, write):
    rules = write("n001.yaml", N001_AS_ERROR)
    report = write("003.txt", R003.read_bytes())
    proc = run_cli("--select", "N001", "--rules", rules, report)
    assert proc.returncode == 1
    assert "14:7: N001 自定义：" in proc.stdout
    assert run_cli("--select", "N001", report).returncode == 0


def test_user_rule_of_an_existing_kind_needs_yaml_only(run_json, run_cli, write, example_2021, edit_text):
    text = edit_text(example_2021, *BLANK_许可)
    text = edit_text(text, *BLANK_强制)
    report = write("r.md", text)
    rules = write("x001.yaml", X001)
    _, before = run_json(report)
    assert codes(before) == {"N001"}
    proc, findings = run_json("--rules", rules, report)
    assert proc.returncode == 1
    x001 = [f for f in findings if f["code"] == "X001"]
    assert len(x001) == 1  # the blank 行政许可 cell, not the blank 行政强制 one (table 二.六)
    f = x001[0]
    assert f["line"] == line_of(text, BLANK_许可[1]) and f["column"] == cells(BLANK_许可[1])[1][0]
    assert (f["name"], f["severity"]) == ("licence-count-filled", "error")
    assert f["message"] == "本单位要求填写表二第二十条第（五）项「行政许可」"
    assert sum(f["code"] == "N001" for f in findings) == 2  # the bundled rules still run
    en = run_cli("--lang", "en", "--rules", rules, "--select", "X", report)
    assert en.stdout.strip().endswith("X001 our office requires table 2 (第二十条第（五）项) row '行政许可' to be filled")


def test_user_sum_rule_needs_yaml_only(run_json, write):
    rules = write("x002.yaml", X002)
    _, findings = run_json("--rules", rules, "--select", "X002", EXAMPLES / "2021.md")
    assert len(findings) == 1
    assert findings[0]["message"] == "表四：复议总计 2 与结果维持 1 不同"
    assert len(findings[0]["related"]) == 1


def test_rules_folder_and_a_file_with_several_rules(run_json, write, tmp_path, example_2021, edit_text):
    write("myrules/x001.yaml", X001)
    write("myrules/x002.yml", X002)
    write("myrules/readme.txt", "not a rule file")
    report = write("r.md", edit_text(example_2021, *BLANK_许可))
    _, findings = run_json("--rules", tmp_path / "myrules", report)
    assert {"X001", "X002"} <= codes(findings)
    indent = lambda s: "".join("    " + line + "\n" if line else "\n" for line in s.splitlines())  # noqa: E731
    both = write("both.yaml", "rules:\n  -\n" + indent(X001) + "  -\n" + indent(X002))
    _, findings = run_json("--rules", both, report)
    assert {"X001", "X002"} <= codes(findings)


# ---------------------------------------------------------------- standard input

def test_report_on_standard_input(run_cli, run_json, tmp_path):
    data = R003.read_bytes()
    from_file = run_cli("--format", "json", R003).stdout
    proc = run_cli("--format", "json", "-", input=data, cwd=tmp_path)
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    expected = json.loads(from_file)
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in found] == \
        [(f["line"], f["column"], f["code"], f["message"]) for f in expected]
    gb = run_cli("--format", "json", "-", input=R003.read_text("utf-8").encode("gb18030"), cwd=tmp_path)
    assert [(f["line"], f["column"], f["code"]) for f in json.loads(gb.stdout)] == \
        [(f["line"], f["column"], f["code"]) for f in expected]


# ---------------------------------------------------------------- unreadable files

def test_unreadable_files_give_p001_and_the_rest_is_still_linted(run_json, run_cli, write, tmp_path):
    write("d/binary.txt", b"%PDF-1.7\n\x00\x01\x02\x03 stream \x00\xff\xfe")
    write("d/empty.md", b"")
    write("d/report.txt", R003.read_bytes())
    proc, findings = run_json("d", cwd=tmp_path)
    assert proc.returncode == 1
    p001 = {Path(f["path"]).name: f for f in findings if f["code"] == "P001"}
    assert set(p001) == {"binary.txt", "empty.md"}
    for f in p001.values():
        assert (f["line"], f["column"]) == (1, 1)
        assert f["severity"] == "error" and f["message"].startswith("无法读取该文件：")
    assert "二进制" in p001["binary.txt"]["message"]
    assert "空" in p001["empty.md"]["message"]
    others = [f for f in findings if Path(f["path"]).name == "report.txt"]
    assert {"N001", "P002"} <= codes(others)
    en = run_cli("--lang", "en", "d", cwd=tmp_path).stdout
    assert "binary.txt:1:1: P001 cannot read this file: the file is binary" in en
    assert "empty.md:1:1: P001 cannot read this file: the file is empty" in en


def test_p001_alone_is_an_error_exit(run_cli, write):
    assert run_cli(write("e.txt", b"")).returncode == 1
    assert run_cli("--ignore", "P001", write("e2.txt", b"")).returncode == 0


# ---------------------------------------------------------------- inputs are not touched

def test_input_files_are_byte_identical_after_a_run(run_cli, write, tmp_path, example_2021, edit_text):
    for report in sorted(REPORTS.iterdir()):
        shutil.copy(report, tmp_path / report.name)
    write("planted.md", edit_text(example_2021, ROW_ONE, ROW_ONE_BAD))
    write("gb.txt", R003.read_text("utf-8").encode("gb18030"))
    write("crlf.txt", R003.read_bytes().replace(b"\n", b"\r\n"))
    write("bom.txt", b"\xef\xbb\xbf" + R002.read_bytes())
    write("u16.txt", R002.read_text("utf-8").encode("utf-16"))
    write("bin.txt", b"\x00\x01binary")
    write("empty.md", b"")
    before = {p.name: sha(p) for p in tmp_path.iterdir()}
    for args in ([], ["--format", "json"], ["--lang", "en"], ["--template", "2019"]):
        run_cli(*args, tmp_path)
    after = {p.name: sha(p) for p in tmp_path.iterdir()}
    assert after == before  # same files, same bytes, nothing added
    for report in sorted(REPORTS.iterdir()):
        assert sha(report) == sha(tmp_path / report.name)


def test_unreadable_input_is_a_finding_and_a_note_of_the_run(run_cli, tmp_path):
    """P001 is the file's finding; SARIF also tells it as a warning notification of the run."""
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    proc = run_cli("--format", "sarif", "binary.txt", cwd=tmp_path)
    assert proc.returncode == 1
    run = json.loads(proc.stdout)["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["P001"]
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["message"]["text"].startswith("P001 ")
