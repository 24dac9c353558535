"""The rules across reports (X001–X004) on the command line: folders of reports of several years and
agencies (the bundled examples moved in time, the seed reports, an HTML page, Word and PDF files), the
configuration's aliases, overrides, hierarchy and history folder, every output format, suppressions,
workers and the result cache."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest
from series import at, html_from_markdown, pdf_from_markdown, report, scaled

from xxgk_lint.checks.across import identity, wanted_cells
from xxgk_lint.checks.engine import lint_with_facts
from xxgk_lint.checks.ruleset import load_rules

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "tests" / "fixtures" / "reports"
HTML = REPO / "tests" / "fixtures" / "html" / "utf8.html"
SCHEMA = REPO / "tests" / "fixtures" / "vendor" / "sarif-schema-2.1.0.json"
CARRY_IN = "| 二、上年结转政府信息公开申请数量"
CARRY_OUT = "| 四、结转下年度继续办理"
EARLIER = "上年/2022年 报告.md"  # another folder, Chinese and a space: as paths and URIs must say it


@pytest.fixture
def lint(run_cli, tmp_path):
    """lint(*args, cwd=tmp_path) -> CompletedProcess: the check command, no result cache unless asked."""
    def run(*args, cwd=None, cache=False):
        return run_cli(*([] if cache else ["--no-cache"]), *args, cwd=cwd or tmp_path)

    return run


def findings(proc, codes=("X",)) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return [d for d in json.loads(proc.stdout) if d["code"].startswith(codes)]


def put(root: Path, files: dict) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def broken_pair(root: Path) -> tuple[str, str]:
    """2022 carried 2 forward (自然人), 2023 says 1 was carried over: X001 in 自然人 and 总计."""
    earlier, later = report(2022, carry_out=(2, 0, 0, 0, 0, 0)), report(2023)
    put(root, {EARLIER: earlier, "2023.md": later})
    return earlier, later


# --- X001 in each output format -------------------------------------------------------------------

def test_json_gives_the_finding_at_this_years_cell_and_last_years_cell_in_its_file(lint, tmp_path):
    earlier, later = broken_pair(tmp_path)
    found = findings(lint("--format", "json", "."))
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in found] == \
        [("X001", "2023.md", *at(later, CARRY_IN, 0)), ("X001", "2023.md", *at(later, CARRY_IN, 6))]
    people = found[0]
    assert people["message"] == (f"表三「自然人」列：本报告（2023年度）的二、上年结转为 1，2022年度报告（{EARLIER}）的"
                                 "四、结转下年度继续办理为 2，两者应相等（相差 1）")
    line, column = at(earlier, CARRY_OUT, 0)
    assert people["related"] == [{"line": line, "column": column, "path": EARLIER,
                                  "message": f"2022年度报告（{EARLIER}）四、结转下年度继续办理：2"}]
    assert (found[1]["related"][0]["line"], found[1]["related"][0]["column"]) == at(earlier, CARRY_OUT, 6)


def test_a_consistent_pair_has_no_x_finding_and_exits_clean(lint, tmp_path):
    put(tmp_path, {EARLIER: report(2022), "2023.md": report(2023)})
    proc = lint("--format", "json", ".")
    assert findings(proc) == [] and proc.returncode == 0, proc.stdout


@pytest.fixture(scope="module")
def validator():
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "pip install rfc3986-validator"
    return Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")), format_checker=checker)


def test_sarif_related_locations_name_the_other_files_artifact(lint, tmp_path, validator):
    earlier, later = broken_pair(tmp_path)
    log = json.loads(lint("--format", "sarif", ".").stdout)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "X001"]
    assert len(results) == 2
    here = results[0]["locations"][0]["physicalLocation"]
    assert here["artifactLocation"] == {"uri": "2023.md", "uriBaseId": "%SRCROOT%"}
    assert (here["region"]["startLine"], here["region"]["startColumn"]) == at(later, CARRY_IN, 0)
    (there,) = results[0]["relatedLocations"]
    assert there["physicalLocation"]["artifactLocation"] == {"uri": quote(EARLIER, safe="/"), "uriBaseId": "%SRCROOT%"}
    assert there["physicalLocation"]["artifactLocation"]["uri"] == "%E4%B8%8A%E5%B9%B4/2022%E5%B9%B4%20%E6%8A%A5%E5%91%8A.md"
    line, column = at(earlier, CARRY_OUT, 0)
    assert there["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
    assert there["message"]["text"] == f"2022年度报告（{EARLIER}）四、结转下年度继续办理：2"
    assert results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "三/二/自然人"


def test_full_github_and_junit_say_the_other_files_path(lint, tmp_path):
    earlier, later = broken_pair(tmp_path)
    (line, column), (here_line, here_column) = at(earlier, CARRY_OUT, 0), at(later, CARRY_IN, 0)
    related = f"{EARLIER}:{line}:{column}: 2022年度报告（{EARLIER}）四、结转下年度继续办理：2"
    full = lint("--format", "full", "--select", "X", ".").stdout
    assert f"2023.md:{here_line}:{here_column}: X001 [error] 表三「自然人」列" in full
    assert f"   = 相关位置 {related}" in full
    github = lint("--format", "github", "--select", "X", ".").stdout
    assert f"::error file=2023.md,line={here_line},col={here_column}," in github
    assert f"%0A  {related}" in github
    junit = ET.fromstring(lint("--format", "junit", "--select", "X", ".").stdout)
    failures = [f.text for f in junit.iter("failure") if f.get("type") == "X001"]
    assert len(failures) == 2 and f"\n  {related}" in failures[0]
    concise = lint("--select", "X", ".").stdout
    assert concise.startswith(f"2023.md:{here_line}:{here_column}: X001 表三「自然人」列")


# --- the reports in other formats -----------------------------------------------------------------

def test_a_seed_text_report_against_its_own_copy_of_the_year_before(lint, tmp_path):
    seed = next(SEEDS.glob("000_*.txt")).read_text("utf-8")
    earlier = seed.replace("2023年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告")
    assert earlier.count("四、结转下年度继续办理\n\t0\n") == 1
    earlier = earlier.replace("四、结转下年度继续办理\n\t0\n", "四、结转下年度继续办理\n\t1\n")
    put(tmp_path, {"2022.txt": earlier, "2023.txt": seed})
    (found,) = findings(lint("--format", "json", "."))
    assert (found["code"], found["path"], found["line"], found["column"]) == ("X001", "2023.txt", 98, 2)
    assert found["message"].startswith("表三「自然人」列：本报告（2023年度）的二、上年结转为 0，2022年度报告（2022.txt）")
    assert [(r["path"], r["line"], r["column"]) for r in found["related"]] == [("2022.txt", 346, 2)]
    # the year stated by the title alone (湘潭县人力资源和社会保障局 / 2023年… on two lines) places it
    assert seed.splitlines()[2] == "2023年政府信息公开工作年度报告"


def test_an_html_page_against_last_years_page_at_the_cells_in_its_source(lint, tmp_path):
    earlier = HTML.read_text("utf-8")
    assert earlier.count("2022") == 5  # <title>, <h1>, 统计期限 (twice), the body's 2022年
    put(tmp_path, {"2022.html": earlier, "2023.html": earlier.replace("2022", "2023")})
    found = findings(lint("--format", "json", "."), codes=("X001",))
    # 二 of 2023: 0 0 0 5 0 0 5; 四 of 2022: 1 0 1 3 2 1 8 — every column but 商业企业 differs
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in found] == \
        [("X001", "2023.html", line, 7) for line in (114, 116, 117, 118, 119, 120)]
    assert [(r["path"], r["line"], r["column"]) for d in found for r in d["related"]] == \
        [("2022.html", line, 7) for line in (349, 351, 352, 353, 354, 355)]
    assert found[2]["message"].startswith("表三「社会公益组织」列：本报告（2023年度）的二、上年结转为 5，"
                                          "2022年度报告（2022.html）的四、结转下年度继续办理为 3")


def test_a_page_written_from_markdown_and_its_markdown_year_before(lint, tmp_path):
    later = html_from_markdown(report(2023))
    put(tmp_path, {"2022.md": report(2022, carry_out=(0, 0, 0, 0, 0, 0)), "2023.html": later})
    found = findings(lint("--format", "json", "."))
    lines = later.split("\n")
    (start,) = [i for i, line in enumerate(lines, 1) if line == "  <td>二、上年结转政府信息公开申请数量</td>"]
    assert [(d["path"], d["line"], d["column"]) for d in found] == [("2023.html", start + 2, 7), ("2023.html", start + 8, 7)]


def test_word_documents_say_the_table_row_and_column_of_both_cells(lint, tmp_path, validator):
    from tests.documents import docx_from_markdown

    put(tmp_path, {"2022.docx": docx_from_markdown(report(2022, carry_out=(2, 0, 0, 0, 0, 0))),
                   "2023.docx": docx_from_markdown(report(2023))})
    found = findings(lint("--format", "json", "."))
    assert [(d["code"], d["path"], d["place"]) for d in found] == [
        ("X001", "2023.docx", {"table": 2, "row": 5, "column": 3, "quote": "1"}),
        ("X001", "2023.docx", {"table": 2, "row": 5, "column": 9, "quote": "1"})]
    assert [(r["path"], r["place"]) for r in found[0]["related"]] == \
        [("2022.docx", {"table": 2, "row": 28, "column": 3, "quote": "2"})]
    concise = lint("--select", "X", ".").stdout
    assert "2023.docx:" in concise and "（第 2 个表格第 5 行第 3 列「1」）" in concise
    full = lint("--format", "full", "--select", "X", ".").stdout
    assert "= 相关位置 2022.docx:" in full and "（第 2 个表格第 28 行第 3 列「2」）" in full
    log = json.loads(lint("--format", "sarif", "--select", "X", ".").stdout)
    assert not list(validator.iter_errors(log))
    (there,) = log["runs"][0]["results"][0]["relatedLocations"]
    assert there["physicalLocation"] == {"artifactLocation": {"uri": "2022.docx", "uriBaseId": "%SRCROOT%"}}
    assert there["logicalLocations"][0]["fullyQualifiedName"] == "table/2/row/28/column/3"


def test_pdf_files_say_the_page_of_both_cells(lint, tmp_path):
    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    put(tmp_path, {"2022.pdf": pdf_from_markdown(report(2022, carry_out=(2, 0, 0, 0, 0, 0))),
                   "2023.pdf": pdf_from_markdown(report(2023))})
    found = findings(lint("--format", "json", "."))
    assert [(d["code"], d["path"], d["message"].split("：")[0]) for d in found] == \
        [("X001", "2023.pdf", "表三「自然人」列"), ("X001", "2023.pdf", "表三「总计」列")]
    assert found[0]["place"]["quote"] == "1" and found[0]["place"]["column"] == 3 and found[0]["place"]["page"] >= 1
    (related,) = found[0]["related"]
    assert related["path"] == "2022.pdf" and related["place"]["quote"] == "2" and related["place"]["column"] == 3


# --- who is who: aliases, overrides, duplicates -----------------------------------------------------

def test_a_renamed_agency_is_one_series_only_through_the_configured_aliases(lint, tmp_path):
    old, new = "示例县人力资源和社会保障局", "示例县人力资源社会保障局"
    put(tmp_path, {"2022.md": report(2022, agency=old, carry_out=(2, 0, 0, 0, 0, 0)), "2023.md": report(2023, agency=new)})
    assert findings(lint("--format", "json", ".")) == []
    (tmp_path / "xxgk-lint.toml").write_text(f'aliases = {{"{new}" = ["{old}"]}}\n', "utf-8")
    assert [(d["code"], d["path"]) for d in findings(lint("--format", "json", "."))] == [("X001", "2023.md")] * 2


def test_a_title_that_omits_the_province_through_aliases(lint, tmp_path):
    full, short = "江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府"
    put(tmp_path, {"a.md": report(2022, agency=full, carry_out=(2, 0, 0, 0, 0, 0)), "b.md": report(2023, agency=short)})
    assert findings(lint("--format", "json", ".")) == []
    (tmp_path / "xxgk-lint.toml").write_text(f'aliases = {{"{full}" = ["{short}"]}}\n', "utf-8")
    found = findings(lint("--format", "json", "."))
    assert [(d["code"], d["path"], d["related"][0]["path"]) for d in found] == [("X001", "b.md", "a.md")] * 2


def test_overrides_place_a_report_that_has_no_title(lint, tmp_path):
    # the seed 004 (衡阳市人社局, 2025) has no title: its 统计期限 says the year, nothing says the agency
    seed = next(SEEDS.glob("004_*.txt")).read_text("utf-8")
    line = "四、结转下年度继续办理 | 0 |"
    assert seed.count(line) == 1
    put(tmp_path, {"hengyang/2024.txt": seed.replace(line, "四、结转下年度继续办理 | 3 |"), "hengyang/2025.txt": seed})
    assert findings(lint("--format", "json", ".")) == []  # two reports of no known agency: no X004 either
    (tmp_path / "xxgk-lint.toml").write_text(
        '[[overrides]]\nfiles = "hengyang/*.txt"\nagency = "衡阳市人力资源和社会保障局"\n\n'
        '[[overrides]]\nfiles = "hengyang/2024.txt"\nyear = 2024\n', "utf-8")
    stock, found = findings(lint("--format", "json", "."))
    # the copy's stock of documents does not follow either: 11 in force, 5 made and 1 repealed
    assert (stock["code"], stock["path"], stock["line"], stock["column"]) == ("X002", "hengyang/2025.txt", 13, 19)
    assert (found["code"], found["path"], found["line"], found["column"]) == ("X001", "hengyang/2025.txt", 29, 20)
    assert found["message"].startswith("表三「自然人」列：本报告（2025年度）的二、上年结转为 0，2024年度报告（hengyang/2024.txt）")
    assert [(r["path"], r["line"], r["column"]) for r in found["related"]] == [("hengyang/2024.txt", 52, 15)]
    # without the year for the copy, both say 2025: two reports of one year
    (tmp_path / "xxgk-lint.toml").write_text(
        '[[overrides]]\nfiles = "hengyang/*.txt"\nagency = "衡阳市人力资源和社会保障局"\n', "utf-8")
    assert [(d["code"], d["path"]) for d in findings(lint("--format", "json", "."))] == \
        [("X004", "hengyang/2024.txt"), ("X004", "hengyang/2025.txt")]


def test_duplicate_years_are_each_found_and_not_compared(lint, tmp_path):
    put(tmp_path, {"2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0)), "2023.md": report(2023),
                   "定稿/2023.md": report(2023, carry_in=(2, 0, 0, 0, 0, 0))})
    found = findings(lint("--format", "json", "."))
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in found] == \
        [("X004", "2023.md", 1, 1), ("X004", "定稿/2023.md", 1, 1)]
    assert [r["path"] for d in found for r in d["related"]] == ["定稿/2023.md", "2023.md"]
    assert found[0]["severity"] == "warning" and "有 2 份报告（另见 定稿/2023.md）" in found[0]["message"]


# --- X002 and X003 on the command line --------------------------------------------------------------

def test_the_stock_of_documents_in_both_formats(lint, tmp_path):
    put(tmp_path, {"2019.md": report(2019, "2019"), "2020.md": report(2020, "2019", stock=18),
                   "2021.md": report(2021, stock=99), "2022.md": report(2022, stock=11)})
    found = findings(lint("--format", "json", "."), codes=("X002",))  # (X005 reads other rows of 表二)
    # 2020: 13 + 2 ≠ 18; 2021 vs 2020: another format, not compared; 2022: 99 + 3 − 1 ≠ 11
    assert [(d["code"], d["path"], d["line"], d["severity"]) for d in found] == \
        [("X002", "2020.md", 14, "warning"), ("X002", "2022.md", 14, "warning")]
    assert "（相差 3）" in found[0]["message"] and "（相差 90）" in found[1]["message"]


HIERARCHY = '[[hierarchy]]\nparent = "示例市人力资源和社会保障局"\nchildren = ["示例县人力资源和社会保障局", "示例区人力资源和社会保障局"]\n'


def test_a_parent_report_against_the_sum_of_its_units(lint, tmp_path):
    city = scaled(report(2023, agency="示例市人力资源和社会保障局"), 2)
    put(tmp_path, {"city.md": city.replace("| 一、本年新收政府信息公开申请数量 | | 20 |", "| 一、本年新收政府信息公开申请数量 | | 21 |"),
                   "units/county.md": report(2023), "units/district.md": report(2023, agency="示例区人力资源和社会保障局")})
    assert findings(lint("--format", "json", ".")) == []  # no hierarchy declared
    (tmp_path / "xxgk-lint.toml").write_text(HIERARCHY, "utf-8")
    (found,) = findings(lint("--format", "json", "."))
    assert (found["code"], found["path"], found["severity"]) == ("X003", "city.md", "warning")
    assert [r["path"] for r in found["related"]] == ["units/county.md", "units/district.md"]
    (tmp_path / "units" / "district.md").unlink()
    (note,) = findings(lint("--format", "json", "."))
    assert (note["code"], note["severity"], note["line"]) == ("X003", "info", 1)
    assert "无法核对：下级单位 示例区人力资源和社会保障局 没有2023年度的报告" in note["message"]


# --- a history folder of published reports ----------------------------------------------------------

def test_a_draft_is_compared_with_the_published_report_of_the_year_before(lint, tmp_path, validator):
    published = report(2023, carry_out=(3, 0, 0, 0, 0, 0), edits=[("| 行政处罚 | 4 |", "| 行政处罚 | -4 |")])
    put(tmp_path, {"published/2023.md": published, "published/2024.md": report(2024),
                   "published/2022.md": report(2022, carry_out=(7, 0, 0, 0, 0, 0)), "draft.md": report(2024)})
    (tmp_path / "xxgk-lint.toml").write_text('history = ["published"]\n', "utf-8")
    proc = lint("--format", "json", "draft.md")
    everything = findings(proc, codes=("",))
    # the published reports' own findings (N003 in 2023, its X001 against 2022) are not reported, and
    # published/2024.md is the draft's earlier version, not a second report of 2024 (no X004)
    assert {d["path"] for d in everything} == {"draft.md"}
    found = findings(proc)
    assert [(d["code"], d["line"], d["column"]) for d in found] == \
        [("X001", *at(report(2024), CARRY_IN, 0)), ("X001", *at(report(2024), CARRY_IN, 6))]
    assert [(r["path"], r["line"], r["column"]) for r in found[0]["related"]] == \
        [("published/2023.md", *at(published, CARRY_OUT, 0))]
    # run from a folder below: the history is the configuration's folder's, said whole (it is not below here)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "draft.md").rename(tmp_path / "drafts" / "draft.md")
    below = findings(lint("--format", "json", "draft.md", cwd=tmp_path / "drafts"))
    assert [r["path"] for d in below for r in d["related"]] == [str(tmp_path / "published" / "2023.md")] * 2
    log = json.loads(lint("--format", "sarif", "--select", "X", "draft.md", cwd=tmp_path / "drafts").stdout)
    assert not list(validator.iter_errors(log))
    there = log["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
    assert there == {"uri": (tmp_path / "published" / "2023.md").as_uri()}


def test_without_a_history_folder_the_draft_alone_is_compared_with_nothing(lint, tmp_path):
    put(tmp_path, {"published/2023.md": report(2023, carry_out=(3, 0, 0, 0, 0, 0)), "draft.md": report(2024)})
    assert findings(lint("--format", "json", "draft.md")) == []


# --- suppressions -------------------------------------------------------------------------------

REASON = "上年报告的结转数有误，已在六中说明"


@pytest.mark.parametrize("comment", [
    f"<!-- xxgk-lint: disable X001 -- {REASON} -->",
    f"<!-- xxgk-lint: disable carry-over-mismatch -- {REASON} -->",
])
def test_an_inline_comment_silences_x001_and_is_never_unused(lint, tmp_path, comment):
    broken_pair(tmp_path)
    later = (tmp_path / "2023.md").read_text("utf-8")
    (tmp_path / "2023.md").write_text(f"{comment}\n{later}", "utf-8")
    proc = lint("--format", "json", ".")
    assert findings(proc, codes=("X", "P003")) == [] and proc.returncode == 0
    shown = findings(lint("--format", "json", "--include-suppressed", "."))
    assert [(d["code"], d["suppression"]) for d in shown] == [("X001", {"kind": "inSource", "justification": REASON})] * 2
    assert len(findings(lint("--format", "json", "--ignore-suppressions", "."))) == 2
    # the carry-over made right, the comment silences nothing: still no P003 (X001 is judged across reports)
    (tmp_path / "2023.md").write_text(f"{comment}\n{report(2023, carry_in=(2, 0, 0, 0, 0, 0))}", "utf-8")
    assert findings(lint("--format", "json", "."), codes=("X", "P003")) == []


def test_an_inline_comment_without_a_reason_silences_nothing(lint, tmp_path):
    broken_pair(tmp_path)
    later = (tmp_path / "2023.md").read_text("utf-8")
    (tmp_path / "2023.md").write_text(f"<!-- xxgk-lint: disable X001 -->\n{later}", "utf-8")
    assert [d["code"] for d in findings(lint("--format", "json", "."))] == ["X001", "X001"]


def test_a_comment_for_every_code_that_silences_only_x001_is_not_unused(lint, tmp_path):
    broken_pair(tmp_path)
    later = (tmp_path / "2023.md").read_text("utf-8")
    (tmp_path / "2023.md").write_text(f"<!-- xxgk-lint: disable -- {REASON} -->\n{later}", "utf-8")
    assert findings(lint("--format", "json", "."), codes=("X", "P003")) == []


def test_a_configured_suppression_silences_x001_and_is_used(lint, tmp_path):
    broken_pair(tmp_path)
    (tmp_path / "xxgk-lint.toml").write_text(
        f'[[suppress]]\nfiles = "2023.md"\ncode = "X001"\nlocation = "三/二/*"\nreason = "{REASON}"\n', "utf-8")
    proc = lint("--format", "json", ".")
    assert findings(proc, codes=("X", "P003")) == [] and proc.returncode == 0
    shown = findings(lint("--format", "json", "--include-suppressed", "."))
    assert [d["suppression"]["kind"] for d in shown] == ["external"] * 2


def test_per_file_ignores_ignore_x001_for_the_file(lint, tmp_path):
    broken_pair(tmp_path)
    (tmp_path / "xxgk-lint.toml").write_text('[per-file-ignores]\n"2023.md" = ["X001"]\n', "utf-8")
    assert findings(lint("--format", "json", ".")) == []
    (tmp_path / "xxgk-lint.toml").write_text(f'[per-file-ignores]\n"{EARLIER}" = ["X001"]\n', "utf-8")
    assert len(findings(lint("--format", "json", "."))) == 2  # the finding is at 2023.md


# --- workers and the result cache ---------------------------------------------------------------------

def test_workers_send_the_facts_back_and_find_the_same(lint, tmp_path):
    for n in range(8):  # 16 files: the run starts workers
        agency = f"示例县第{n + 1}局"
        put(tmp_path, {f"{n}/2022.md": report(2022, agency=agency, carry_out=(2, 0, 0, 0, 0, 0)),
                       f"{n}/2023.md": report(2023, agency=agency)})
    one = findings(lint("--format", "json", "--jobs", "1", "."))
    two = findings(lint("--format", "json", "--jobs", "2", "."))
    assert len(one) == 16 and {d["path"] for d in one} == {f"{n}/2023.md" for n in range(8)}
    assert two == one


def test_a_history_folder_of_many_reports_is_read_by_workers(lint, tmp_path):
    put(tmp_path, {f"published/{n}.md": report(2023, agency=f"示例县第{n + 1}局", carry_out=(2, 0, 0, 0, 0, 0))
                   for n in range(16)})
    put(tmp_path, {"draft.md": report(2024, agency="示例县第4局")})
    (tmp_path / "xxgk-lint.toml").write_text('history = ["published"]\n', "utf-8")
    for jobs in ("1", "2"):
        found = findings(lint("--format", "json", "--jobs", jobs, "draft.md"), codes=("",))
        assert [(d["code"], d["path"], d["related"][0]["path"]) for d in found] == [("X001", "draft.md", "published/3.md")] * 2


def test_a_second_run_from_the_result_cache_finds_the_same(lint, tmp_path):
    broken_pair(tmp_path)
    (tmp_path / "xxgk-lint.toml").write_text("\n", "utf-8")
    first = findings(lint("--format", "json", ".", cache=True))
    entries = sorted(p.name for p in (tmp_path / ".xxgk_lint_cache").rglob("*.marshal"))
    assert len(entries) == 2 and len(first) == 2
    second = findings(lint("--format", "json", ".", cache=True))
    assert second == first
    assert sorted(p.name for p in (tmp_path / ".xxgk_lint_cache").rglob("*.marshal")) == entries


def test_the_cache_of_a_run_without_a_hierarchy_does_not_serve_one_with_it(lint, tmp_path):
    city = scaled(report(2023, agency="示例市人力资源和社会保障局"), 2)
    put(tmp_path, {"city.md": city.replace("| 一、本年新收政府信息公开申请数量 | | 20 |", "| 一、本年新收政府信息公开申请数量 | | 21 |"),
                   "county.md": report(2023), "district.md": report(2023, agency="示例区人力资源和社会保障局")})
    (tmp_path / "xxgk-lint.toml").write_text("\n", "utf-8")
    assert findings(lint("--format", "json", ".", cache=True)) == []
    (tmp_path / "xxgk-lint.toml").write_text(HIERARCHY, "utf-8")
    assert [d["code"] for d in findings(lint("--format", "json", ".", cache=True))] == ["X003"]
    assert [d["code"] for d in findings(lint("--format", "json", ".", cache=True))] == ["X003"]


# --- configuration errors -------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ('aliases = "x"\n', "xxgk-lint.toml:1:1: error: `aliases` must be a table, not a string"),
    ('aliases = {"甲" = "乙"}\n', 'xxgk-lint.toml:1:12: error: `"甲"` in `aliases` must be a list of strings, not a string'),
    ('[[hierarchy]]\nchildren = ["乙"]\n', "xxgk-lint.toml:1:1: error: a `hierarchy` entry needs `parent`"),
    ('[[hierarchy]]\nparent = "甲"\nchildren = ["乙"]\nunits = ["丙"]\n',
     "xxgk-lint.toml:4:1: error: unknown key `units` in `hierarchy` (known keys: parent, children)"),
    ('[[hierarchy]]\nparent = "甲"\nchildren = []\n', "xxgk-lint.toml:3:1: error: `hierarchy.children` names no unit"),
    ('history = "published"\n', 'xxgk-lint.toml:1:1: error: `history` must be a list of strings, not a string — write ["published"]'),
    ('[[overrides]]\nfiles = "*.md"\nagency = 3\n', "xxgk-lint.toml:3:1: error: `overrides.agency` must be a string, not an integer"),
    ('[aliases]\n"甲" = ["丙"]\n"乙" = ["丙"]\n',
     'xxgk-lint.toml:3:1: error: `"丙"` is an alias of both `"甲"` and `"乙"` in `aliases`'),
    ('[[overrides]]\nfiles = "x"\nyear = 1850\n', "xxgk-lint.toml:3:1: error: `overrides.year` must be a report's year"),
    ('[[hierarchy]]\nparent = "甲"\nchildren = ["甲", "乙"]\n',
     'xxgk-lint.toml:3:1: error: `hierarchy.children` names the parent `"甲"` itself'),
])
def test_a_bad_configuration_is_said_at_its_place(lint, tmp_path, text, message):
    put(tmp_path, {"2023.md": report(2023)})
    (tmp_path / "xxgk-lint.toml").write_text(text, "utf-8")
    proc = lint("2023.md")
    assert proc.returncode == 2
    assert f"{tmp_path}{os.sep}{message}" in proc.stderr, proc.stderr


def test_a_hierarchy_without_children_says_so(lint, tmp_path):
    put(tmp_path, {"2023.md": report(2023)})
    (tmp_path / "xxgk-lint.toml").write_text('[[hierarchy]]\nparent = "甲"\n', "utf-8")
    proc = lint("2023.md")
    assert proc.returncode == 2 and "xxgk-lint.toml:1:1: error:" in proc.stderr
    assert "needs `children`" in proc.stderr, proc.stderr


# --- the bundled examples and the seed reports ---------------------------------------------------

def test_the_examples_folder_and_the_seed_reports_have_no_x_finding(lint):
    assert findings(lint("--format", "json", "examples/", cwd=REPO)) == []
    assert findings(lint("--format", "json", "tests/fixtures/reports/", cwd=REPO)) == []
    # together, each seed is there twice: the same figures in both copies, so each is one report
    assert findings(lint("--format", "json", "examples/", "tests/fixtures/reports/", cwd=REPO)) == []


READ = {  # what each real report says of itself: the agency of its title, its year when it states one
    "000_eac3f6eb663f9cec.txt": ("湘潭县人力资源和社会保障局", 2023),
    "001_b6301f25c0e3e8b6.txt": ("卫滨区人力资源和社会保障局", 2023),  # 「…2023 年政府信息公开 工作年度报告」
    "002_6f4406728cdecfc5.txt": ("临湘市人力资源和社会保障局", 2020),
    "003_3fb225ce4533ee68.txt": None,  # no title, no 统计期限
    "004_a16ce7be3385554c.txt": None,  # no title: 统计期限 2025, no agency
    "hongze-2024.pdf": ("淮安市洪泽区人民政府", 2024),
}


@pytest.mark.parametrize("name", sorted(READ))
def test_each_seed_report_is_placed_by_what_it_says_of_itself(name):
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    rules = load_rules([])
    path = REPO / "examples" / name
    facts = lint_with_facts(name, path.read_bytes(), rules, wanted=wanted_cells(rules))[1]
    assert identity(facts) == READ[name], (facts.agency, facts.year, facts.year_stated)


# --- what the run reads, it never writes over; what it cannot find, it says ----------------------

def test_output_never_writes_over_a_published_report_of_the_history_folder(lint, tmp_path):
    put(tmp_path, {"published/2022.md": report(2022), "2023.md": report(2023),
                   "xxgk-lint.toml": 'history = ["published"]\n'})
    proc = lint("2023.md", "--output", "published/2022.md")
    assert proc.returncode == 2 and "is one of the files being linted" in proc.stderr, proc.stderr
    assert (tmp_path / "published/2022.md").read_text("utf-8") == report(2022)


def test_a_history_folder_that_does_not_exist_is_said(lint, tmp_path):
    put(tmp_path, {"2023.md": report(2023), "xxgk-lint.toml": 'history = ["publshed"]\n'})
    proc = lint("2023.md")
    assert proc.returncode == 0
    assert "the history folder publshed" in proc.stderr and "does not exist" in proc.stderr, proc.stderr


def test_two_different_published_reports_of_one_year_are_said_not_guessed(lint, tmp_path):
    put(tmp_path, {"published/2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0)),
                   "published/2022-copy.md": report(2022, stock=11), "2023.md": report(2023),
                   "xxgk-lint.toml": 'history = ["published"]\n'})
    proc = lint("2023.md", "--format", "json")
    assert findings(proc) == []  # which of the two is last year's report is not guessed
    assert "the history holds 2 different reports of" in proc.stderr and "2022" in proc.stderr, proc.stderr


def test_the_2019_item_counts_follow_from_last_years(lint, tmp_path):
    """X005: 2020's 上一年项目数量 = 2019's 上一年项目数量 + 本年增/减 (行政许可 14 − 2 = 12 in the series)."""
    put(tmp_path, {"2019.md": report(2019, "2019"), "2020.md": report(2020, "2019")})
    assert findings(lint("--format", "json", "."), codes=("X005",)) == []
    put(tmp_path, {"2019.md": report(2019, "2019", edits=[("| 行政许可 | 14 | -2 |", "| 行政许可 | 12 | -2 |")])})
    found = findings(lint("--format", "json", "."), codes=("X005",))
    assert [(d["path"], d["line"], d["column"]) for d in found] == [("2020.md", 17, 10)]
    assert found[0]["message"].startswith("表二「行政许可」：上一年项目数量为 12，按上年报告（2019.md）应为 10")
    assert [r["path"] for r in found[0]["related"]] == ["2019.md", "2019.md"]
