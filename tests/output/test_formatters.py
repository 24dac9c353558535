"""The machine-readable formats (SARIF, GitHub workflow commands, JUnit XML, JSON lines) on real reports."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.output.diagnostic import Diagnostic
from xxgk_lint.output.formatters import Notification, RunContext, get

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "tests" / "fixtures" / "reports"
SCHEMA = REPO / "tests" / "fixtures" / "vendor" / "sarif-schema-2.1.0.json"
ERROR_REPORTS = sorted(REPORTS.glob("00[23]_*.txt"))
CLEAN_REPORT = sorted(REPORTS.glob("000_*.txt"))[0]
EXAMPLE_2021 = REPO / "rules" / "examples" / "2021.md"
# 表三 row 一 of the clean example, and the same row with 总计 13 instead of 10+2 = 12 (plants C001).
T3_ROW_ONE = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
T3_ROW_ONE_BAD = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |"
PLANTED_NAME = "2021年 年度报告 (副本).md"  # Chinese characters, spaces and parentheses in a file name


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    # The schema declares draft 2020-12; URI formats are only checked with rfc3986-validator installed.
    checker = FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "pip install rfc3986-validator"
    assert not checker.conforms("年度 报告.md", "uri-reference")  # the checker really rejects raw names
    return Draft202012Validator(schema, format_checker=checker)


def planted_text(blank_lines_above: int = 0) -> str:
    text = EXAMPLE_2021.read_text("utf-8")
    assert text.count(T3_ROW_ONE) == 1
    return "\n" * blank_lines_above + text.replace(T3_ROW_ONE, T3_ROW_ONE_BAD)


def lint_files(paths: list[Path], rules, cwd: Path) -> tuple[list[Diagnostic], RunContext]:
    """Lint as the CLI does: paths as given (relative to cwd when possible), then one context."""
    diagnostics, names = [], []
    for path in paths:
        name = str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)
        diagnostics += lint_bytes(name, path.read_bytes(), rules)
        names.append(name)
    return diagnostics, RunContext(rules=rules, cwd=cwd, files=names, version="9.9.9")


def sarif(diagnostics, context) -> dict:
    return json.loads(get("sarif").render(diagnostics, context))


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def planted(tmp_path, rules, blank_lines_above: int = 0):
    path = tmp_path / PLANTED_NAME
    path.write_text(planted_text(blank_lines_above), "utf-8")
    return lint_files([path], rules, tmp_path)


def only(results: list[dict], rule_id: str) -> dict:
    found = [r for r in results if r["ruleId"] == rule_id]
    assert len(found) == 1, [r["ruleId"] for r in results]
    return found[0]


# --- SARIF -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("report", ERROR_REPORTS, ids=lambda p: p.name[:3])
def test_sarif_of_real_reports_validates_with_uri_formats(report, rules, validator):
    diagnostics, context = lint_files([report], rules, REPO)
    assert len(diagnostics) > 10
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.as_uri() + "/"
    assert len(run["results"]) == len(diagnostics)
    for result, d in zip(run["results"], diagnostics):
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": f"tests/fixtures/reports/{report.name}", "uriBaseId": "%SRCROOT%"}
        region = physical["region"]
        assert (region["startLine"], region["startColumn"]) == (d.line, d.column)
        assert (region["endLine"], region["endColumn"]) == (d.end_line, d.end_column)
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[d.severity]
        assert result["message"]["text"] == d.message
        assert location["logicalLocations"][0]["fullyQualifiedName"] == d.logical
    # Blank cells are zero-width: kept as empty regions (an insertion point), which the schema accepts.
    blank = [r for r in run["results"] if r["ruleId"] == "N001"]
    assert blank and all(r["locations"][0]["physicalLocation"]["region"]["endColumn"]
                         == r["locations"][0]["physicalLocation"]["region"]["startColumn"] for r in blank)


def test_sarif_planted_sum_in_chinese_file_name_validates(tmp_path, rules, validator):
    diagnostics, context = planted(tmp_path, rules)
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    [run] = log["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    c001 = only(run["results"], "C001")
    uri = c001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == quote(PLANTED_NAME, safe="/") and unquote(uri) == PLANTED_NAME
    assert "%20" in uri and "%E5%B9%B4" in uri and " " not in uri  # 年 in UTF-8, percent-encoded
    assert c001["level"] == "error"
    assert c001["locations"][0]["logicalLocations"] == [{"name": "总计", "fullyQualifiedName": "表三/一/总计"}]
    # its unsafe fix, as SARIF says a fix: the total's region and what replaces it
    [fix] = c001["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == uri and fix["description"]["text"] == "C001 (unsafe)"
    region = c001["locations"][0]["physicalLocation"]["region"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": region["startLine"],
                                                         "startColumn": region["startColumn"],
                                                         "endLine": region["startLine"],
                                                         "endColumn": region["endColumn"]},
                                       "insertedContent": {"text": "12"}}]


def test_sarif_uri_is_relative_also_for_an_absolute_path_in_a_folder(tmp_path, rules, validator):
    folder = tmp_path / "报告 2021"
    folder.mkdir()
    path = folder / "甲 局.md"
    path.write_text(planted_text(), "utf-8")
    diagnostics = lint_bytes(str(path), path.read_bytes(), rules)  # absolute, as `xxgk-lint /abs/...`
    log = sarif(diagnostics, RunContext(rules=rules, cwd=tmp_path, files=[str(path)]))
    assert_valid(validator, log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"%E6%8A%A5%E5%91%8A%202021/%E7%94%B2%20%E5%B1%80.md"}


def test_sarif_related_locations_are_the_six_addend_cells(tmp_path, rules):
    diagnostics, context = planted(tmp_path, rules)
    c001 = only(sarif(diagnostics, context)["runs"][0]["results"], "C001")
    row = T3_ROW_ONE_BAD
    related = c001["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2, 3, 4, 5, 6]
    # Each related region starts on the addend's number in the row (10, 2, then four zeros).
    cells = [row[r["physicalLocation"]["region"]["startColumn"] - 1:].split(" ")[0] for r in related]
    assert cells == ["10", "2", "0", "0", "0", "0"]
    line = c001["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert {r["physicalLocation"]["region"]["startLine"] for r in related} == {line}
    for r, column in zip(related, ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        assert f"「{column}」" in r["message"]["text"]
        assert r["physicalLocation"]["artifactLocation"] == c001["locations"][0]["physicalLocation"]["artifactLocation"]
    total = c001["locations"][0]["physicalLocation"]["region"]
    assert row[total["startColumn"] - 1:total["endColumn"] - 1] == "13"


def test_sarif_rule_index_points_at_the_rule(rules, validator):
    # A subset in a shuffled order, so an index into the full bundled list would be wrong.
    enabled = [r for r in rules if r.code[0] in "NTS"][::-1]
    diagnostics, context = lint_files(ERROR_REPORTS, enabled, REPO)
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    driver = log["runs"][0]["tool"]["driver"]
    results = log["runs"][0]["results"]
    assert {r["ruleId"][0] for r in results} == {"N", "T", "S"}
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_driver_lists_every_enabled_rule_with_help(rules):
    log = sarif([], RunContext(rules=rules, cwd=REPO, version="9.9.9"))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "xxgk-lint" and driver["version"] == "9.9.9"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    for descriptor, rule in zip(driver["rules"], rules):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] and rule.docs["what"].startswith(descriptor["shortDescription"]["text"])
        assert rule.docs["why"] in descriptor["fullDescription"]["text"]
        for part in ("what", "why", "example", "fix"):
            assert rule.docs[part].strip() in descriptor["help"]["text"]
            assert rule.docs[part].strip() in descriptor["help"]["markdown"]
        level = descriptor["defaultConfiguration"]["level"]
        assert level == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_is_deterministic_and_fingerprints_survive_lines_inserted_above(tmp_path, rules, validator):
    diagnostics, context = planted(tmp_path, rules)
    first = get("sarif").render(diagnostics, context)
    again = get("sarif").render(*planted(tmp_path, rules))
    assert first == again and first.endswith("}\n")
    assert "表三" in first  # ensure_ascii=False: Chinese is written as is

    shifted_diagnostics, shifted_context = planted(tmp_path, rules, blank_lines_above=3)
    shifted = json.loads(get("sarif").render(shifted_diagnostics, shifted_context))
    assert_valid(validator, shifted)
    before = only(json.loads(first)["runs"][0]["results"], "C001")
    after = only(shifted["runs"][0]["results"], "C001")
    line = lambda r: r["locations"][0]["physicalLocation"]["region"]["startLine"]  # noqa: E731
    assert line(after) == line(before) + 3
    assert after["partialFingerprints"] == before["partialFingerprints"]
    assert before["partialFingerprints"]["primaryLocationLineHash"].endswith(":0")
    assert set(before["partialFingerprints"]) == {"primaryLocationLineHash", "logicalLocation/v1"}


def test_sarif_fingerprints_tell_findings_apart(rules):
    diagnostics, context = lint_files(ERROR_REPORTS, rules, REPO)
    results = sarif(diagnostics, context)["runs"][0]["results"]
    assert len({r["partialFingerprints"]["logicalLocation/v1"] for r in results}) == len(results)
    # One line hash per line: lines with the same text (002 has many blank "|" cells) differ by the
    # occurrence index after the ':', and findings on the same line share it.
    line_of = {}
    for r in results:
        place = r["locations"][0]["physicalLocation"]
        key = (place["artifactLocation"]["uri"], r["partialFingerprints"]["primaryLocationLineHash"])
        assert line_of.setdefault(key, place["region"]["startLine"]) == place["region"]["startLine"]
    lines = {(uri, line) for (uri, _), line in line_of.items()}
    assert len(lines) == len(line_of)
    assert any(not key[1].endswith(":0") for key in line_of)  # repeated texts really occur


def test_sarif_notifications_and_unsuccessful_execution(tmp_path, rules, validator):
    diagnostics, context = planted(tmp_path, rules)
    context.notifications = [Notification("无法 读取.txt", "Permission denied", "error")]
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "Permission denied"
    artifact = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": quote("无法 读取.txt"), "uriBaseId": "%SRCROOT%"}

    context.notifications = [Notification("", "rule file uses a deprecated key", "warning")]
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_suppressed_results_carry_suppressions(tmp_path, rules, validator):
    diagnostics, context = planted(tmp_path, rules)
    diagnostics = [d.replace(suppression={"kind": "inSource", "justification": "已核实：原件如此"})
                   if d.code == "C001" else d for d in diagnostics]
    log = sarif(diagnostics, context)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    assert only(results, "C001")["suppressions"] == [{"kind": "inSource", "justification": "已核实：原件如此"}]
    assert all("suppressions" not in r for r in results if r["ruleId"] != "C001")


# --- GitHub workflow commands ------------------------------------------------------------------------

def test_github_escapes_message_and_properties(tmp_path):
    d = Diagnostic("a:b,c.txt", 3, 2, 3, 5, "N003", "negative-value", "error",
                   "100% wrong\r\nnext: a, b")
    out = get("github").render([d], RunContext(cwd=tmp_path))
    assert out == ("::error file=a%3Ab%2Cc.txt,line=3,col=2,endLine=3,endColumn=5,"
                   "title=N003 negative-value::100%25 wrong%0D%0Anext: a, b\n")


def test_github_commands_for_real_report(tmp_path, rules):
    diagnostics, context = planted(tmp_path, rules)
    diagnostics += lint_files(ERROR_REPORTS[:1], rules, REPO)[0]
    context.notifications = [Notification("坏.txt", "cannot read: 100%", "error")]
    lines = get("github").render(diagnostics, context).splitlines()
    assert len(lines) == len(diagnostics) + 1
    for line, d in zip(lines, diagnostics):
        kind = {"error": "::error ", "warning": "::warning ", "info": "::notice "}[d.severity]
        assert line.startswith(kind)
        assert f",line={d.line},col={d.column},endLine={d.end_line},endColumn={d.end_column},title={d.code} {d.name}::" in line
    c001 = next(line for line, d in zip(lines, diagnostics) if d.code == "C001")
    assert f"file={PLANTED_NAME}," in c001
    assert c001.count("%0A") == 6 and "「自然人」列 = 10" in c001  # the six addends, one per line
    assert lines[-1] == "::error file=坏.txt,line=1,col=1::cannot read: 100%25"


# --- JUnit XML ---------------------------------------------------------------------------------------

def test_junit_parses_and_counts_match(rules):
    reports = [CLEAN_REPORT, *ERROR_REPORTS]
    diagnostics, context = lint_files(reports, rules, REPO)
    context.notifications = [Notification("missing.txt", "No such file or directory"),
                             Notification(str(context.files[1]), "P001 not counted twice", "warning")]
    context.files.append("missing.txt")
    text = get("junit").render(diagnostics, context)
    assert text == get("junit").render(diagnostics, context)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == context.files
    for suite in suites:
        path = suite.get("name")
        expected = [d for d in diagnostics if d.path == path and d.severity in ("error", "warning")]
        cases = suite.findall("testcase")
        failures = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures")) == len(failures) == len(expected)
        assert int(suite.get("tests")) == len(cases)
        assert [c.get("name") for c in failures] == [f"{d.code} {d.line}:{d.column}" for d in expected]
        assert [c.find("failure").get("type") for c in failures] == [d.code for d in expected]
        assert all(c.get("classname") == path for c in cases)
    clean, *_, missing = suites
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert missing.get("errors") == "1" and missing.find("testcase/error").get("message") == "No such file or directory"
    assert int(root.get("failures")) == sum(d.severity in ("error", "warning") for d in diagnostics)


def test_junit_escapes_markup_and_control_characters(tmp_path):
    d = Diagnostic("<a&b>.txt", 1, 1, 1, 2, "N002", "non-numeric", "error", 'cell "<—>" & \x01 ]]>')
    root = ET.fromstring(get("junit").render([d], RunContext(cwd=tmp_path, files=["<a&b>.txt"])).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'cell "<—>" & \ufffd ]]>'
    assert root.find("testsuite").get("name") == "<a&b>.txt"


# --- JSON lines --------------------------------------------------------------------------------------

def test_json_lines_one_object_per_line(rules):
    diagnostics, context = lint_files(ERROR_REPORTS, rules, REPO)
    text = get("json-lines").render(diagnostics, context)
    lines = text.splitlines()
    assert len(lines) == len(diagnostics) and text.endswith("\n")
    assert [json.loads(line) for line in lines] == [d.as_dict() for d in diagnostics]
    assert "表" in text and ": " not in lines[0][:20]  # UTF-8 as is, compact separators


def test_json_lines_line_separators_stay_inside_the_line(tmp_path):
    d = Diagnostic("a.txt", 1, 1, 1, 2, "N002", "non-numeric", "error", "a\u2028b\u2029c\x85d\ne")
    lines = get("json-lines").render([d], RunContext(cwd=tmp_path)).splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["message"] == "a\u2028b\u2029c\x85d\ne"
