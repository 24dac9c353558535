""".docx end to end: the bundled reports as Word documents (tests/documents.py), a fault planted in
one, found at the cell a person looks at in every output format; the command line, discovery,
conversion of old formats and the result cache on documents."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.documents import docx_from_markdown
from tests.texts import edit, example
from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.output.formatters import RunContext, get
from xxgk_lint.output.formatters.full import width

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "tests" / "fixtures" / "vendor" / "sarif-schema-2.1.0.json"
ROW_ONE = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"
ROW_ONE_BAD = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |"
# In the Word document: 表二's blocks are table 1, 表三 is table 2, its row 一 the 4th row; the 总计
# column is the 9th (two label columns, seven counts).
TOTAL = {"table": 2, "row": 4, "column": 9}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


@pytest.fixture(scope="module")
def planted() -> bytes:
    return docx_from_markdown(edit(example(), ROW_ONE, ROW_ONE_BAD))


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}, timeout=300)


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_the_bundled_reports_as_word_documents_are_clean(rules, year):
    assert lint_bytes("report.docx", docx_from_markdown(example(year)), rules) == []


def test_a_planted_sum_is_found_at_its_cell_with_every_addend(rules, planted):
    found = [d for d in lint_bytes("report.docx", planted, rules) if d.severity == "error"]
    total = next(d for d in found if d.code == "C001")
    assert total.place == {**TOTAL, "quote": "13"}
    assert [r["place"] for r in total.related] == [
        {"table": 2, "row": 4, "column": c, "quote": q} for c, q in zip(range(3, 9), ["10", "2", "0", "0", "0", "0"])]
    assert total.source.split("\t")[-1] == "13"  # line:col are in the text as read: the row, its cells by tabs
    assert total.source[total.column - 1:total.end_column - 1] == "13"


def test_every_format_names_the_place(rules, planted, tmp_path):
    diagnostics = lint_bytes("report.docx", planted, rules)
    total = next(d for d in diagnostics if d.code == "C001")
    context = RunContext(rules=rules, cwd=tmp_path, files=["report.docx"], version="9.9.9")
    concise = get("concise").render(diagnostics, context)
    assert f"report.docx:{total.line}:{total.column}: C001 " in concise
    assert "（第 2 个表格第 4 行第 9 列「13」）" in concise
    full = get("full").render(diagnostics, context).splitlines()
    at = next(i for i, line in enumerate(full) if line.startswith(f"report.docx:{total.line}:") and "C001" in line)
    row, marker = full[at + 2], full[at + 3]
    assert "一、本年新收政府信息公开申请数量" in row and marker.rstrip().endswith("^^")
    assert width(row[:row.rindex("13")]) == marker.index("^")  # the caret under the cell, by display width
    assert "（第 2 个表格第 4 行第 3 列「10」）" in "\n".join(full)  # a related cell's place
    records = json.loads(get("json").render(diagnostics, context))
    record = next(r for r in records if r["code"] == "C001")
    assert record["place"] == {**TOTAL, "quote": "13"}  # beside line and column of the text as read
    assert (record["line"], record["column"]) == (total.line, total.column)
    assert record["related"][0]["place"]["column"] == 3
    lines = [json.loads(line) for line in get("json-lines").render(diagnostics, context).splitlines()]
    assert lines == records
    assert "第 2 个表格第 4 行第 9 列" in get("github").render(diagnostics, context)
    assert "第 2 个表格第 4 行第 9 列" in get("junit").render(diagnostics, context)
    english = RunContext(rules=rules, cwd=tmp_path, files=["report.docx"], version="9.9.9", lang="en")
    assert '(2nd table, row 4, column 9 "13")' in get("concise").render(lint_bytes("report.docx", planted, rules, "en"), english)


def test_sarif_uses_logical_locations_for_a_binary_artifact_and_validates(rules, planted, tmp_path):
    diagnostics = lint_bytes("report.docx", planted, rules)
    context = RunContext(rules=rules, cwd=tmp_path, files=["report.docx"], version="9.9.9")
    log = json.loads(get("sarif").render(diagnostics, context))
    Draft202012Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "C001")
    location = result["locations"][0]
    assert "region" not in location["physicalLocation"]  # no text region in a binary file
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "report.docx"
    names = [loc["fullyQualifiedName"] for loc in location["logicalLocations"]]
    assert "table/2/row/4/column/9" in names
    total = next(d for d in diagnostics if d.code == "C001")
    assert location["properties"] == {**TOTAL, "quote": "13", "textLine": total.line, "textColumn": total.column}
    related = result["relatedLocations"][0]
    assert related["logicalLocations"][0]["fullyQualifiedName"] == "table/2/row/4/column/3"
    assert "region" not in related["physicalLocation"]


def test_a_paragraph_finding_names_its_paragraph(rules):
    data = docx_from_markdown(edit(example(), "本年度未收取信息处理费。", "无。"))
    fee = next(d for d in lint_bytes("report.docx", data, rules) if d.code == "F001")
    assert set(fee.place) <= {"paragraph", "quote"} and fee.place["paragraph"] > 1


def test_the_command_line_lints_a_folder_of_documents_and_skips_word_lock_files(planted, tmp_path):
    (tmp_path / "clean.docx").write_bytes(docx_from_markdown(example()))
    (tmp_path / "planted.docx").write_bytes(planted)
    (tmp_path / "~$anted.docx").write_bytes(b"\x06owner")  # Word's lock file beside an open document
    # two versions of one report: X004 (duplicate-report) would name both
    result = cli(str(tmp_path), "--no-cache", "--format", "concise", "--ignore", "X004")
    assert result.returncode == 1, result.stderr
    assert "planted.docx:" in result.stdout and "clean.docx:" not in result.stdout and "~$" not in result.stdout
    assert "第 2 个表格第 4 行第 9 列" in result.stdout


def test_the_cache_keeps_places(planted, tmp_path):
    (tmp_path / "planted.docx").write_bytes(planted)
    first = cli("planted.docx", "--format", "json", cwd=tmp_path)
    second = cli("planted.docx", "--format", "json", cwd=tmp_path)
    assert first.stdout == second.stdout and '"table": 2' in second.stdout


def test_text_shows_the_text_view_with_places(planted, tmp_path):
    (tmp_path / "planted.docx").write_bytes(planted)
    result = cli("text", "planted.docx", "--places", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "一、本年新收政府信息公开申请数量" in line)
    assert row.endswith("# 第 2 个表格第 4 行") and "\t13" in row
    assert lines[0].endswith("# 第 1 段")


def test_a_damaged_docx_is_p001_and_exit_code_1_not_a_traceback(tmp_path):
    (tmp_path / "broken.docx").write_bytes(docx_from_markdown(example())[:3000])
    result = cli("broken.docx", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "broken.docx:1:1: P001" in result.stdout and "另存为 .docx" in result.stdout


def test_a_pdf_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch, rules):
    import xxgk_lint.pipeline.readers
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if the extra were not installed
    for name in [m for m in sys.modules if m.startswith("xxgk_lint.pipeline.readers.pdf_")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ("pdf_reader", "pdf_tables", "pdf_text", "pdf_unruled"):
        monkeypatch.delattr(xxgk_lint.pipeline.readers, name, raising=False)
    found = lint_bytes("report.pdf", b"%PDF-1.7\n", rules)
    assert [d.code for d in found] == ["P001"]
    assert "pip install 'xxgk-lint[pdf]'" in found[0].message


@pytest.mark.skipif(not os.path.exists("/usr/bin/pgrep"), reason="needs pgrep (procps) to see what is left running")
def test_a_conversion_that_hangs_is_stopped_at_the_time_limit(tmp_path, rules, monkeypatch):
    from xxgk_lint.pipeline.readers import convert
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n/bin/sleep 31 &\n/bin/sleep 31\n")  # LibreOffice stuck, with a child of its own
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(convert, "TIMEOUT", 1)
    found = lint_bytes("report.doc", b"\xd0\xcf\x11\xe0 old word", rules)
    assert [d.code for d in found] == ["P001"] and "1 秒内" in found[0].message
    assert subprocess.run(["/usr/bin/pgrep", "-f", "sleep 31"], capture_output=True).returncode == 1  # none left


def test_an_old_format_without_libreoffice_says_how_to_convert(tmp_path, rules, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    found = lint_bytes("report.doc", b"\xd0\xcf\x11\xe0 old word", rules)
    assert [d.code for d in found] == ["P001"] and "LibreOffice" in found[0].message and ".docx" in found[0].message


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize("suffix", ["doc", "odt", "wps"])
def test_old_formats_are_read_through_libreoffice_and_the_file_is_untouched(tmp_path, planted, suffix):
    source = tmp_path / "planted.docx"
    source.write_bytes(planted)
    made = "doc" if suffix == "wps" else suffix  # WPS Office's .wps is a Word 97 binary file by another name
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    made, "--outdir", str(tmp_path / "old"), str(source)], capture_output=True, timeout=120, check=True)
    old = tmp_path / "old" / f"planted.{suffix}"
    if suffix != made:
        (tmp_path / "old" / f"planted.{made}").rename(old)
    before = old.read_bytes()
    listing = sorted(p.name for p in (tmp_path / "old").iterdir())
    result = cli(str(old), "--no-cache", "--format", "json")
    assert old.read_bytes() == before and sorted(p.name for p in (tmp_path / "old").iterdir()) == listing
    found = json.loads(result.stdout)
    total = next(d for d in found if d["code"] == "C001")
    assert (total["place"]["table"], total["place"]["row"], total["place"]["column"]) == (2, 4, 9)
    assert not [d for d in found if d["severity"] == "error" and d["code"] not in ("C001", "C003")]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize("name", ["legacy.doc", "report.odt", "clean.docx"])
def test_the_generated_clean_documents_lint_clean(name):
    result = cli(str(REPO / "tests" / "fixtures" / "documents" / name), "--no-cache", "--format", "concise")
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_configuration_suppressions_and_baselines_apply_to_documents(planted, tmp_path):
    """Out of band, as for any report: a suppression by logical location, then a baseline."""
    (tmp_path / "planted.docx").write_bytes(planted)
    (tmp_path / "xxgk-lint.toml").write_text(
        '[[suppress]]\nfiles = "planted.docx"\ncode = "C001"\nlocation = "表三/一/总计"\nreason = "已核实"\n', "utf-8")
    found = json.loads(cli("planted.docx", "--no-cache", "--format", "json", cwd=tmp_path).stdout)
    assert "C001" not in [d["code"] for d in found] and "C003" in [d["code"] for d in found]
    assert cli("planted.docx", "--no-cache", "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    again = cli("planted.docx", "--no-cache", "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout) == []
