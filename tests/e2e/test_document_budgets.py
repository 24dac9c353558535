"""Hostile and broken documents through the whole command, each in a fresh process: a defined exit
code and finding, no traceback, within the budget README.md states — every such file linted in under
BUDGET_SECONDS and BUDGET_MB of peak memory (the readers' own limits are tested beside them:
tests/pipeline/test_docx_reader.py, tests/pipeline/test_pdf_reader.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
sys.path.insert(0, str(ROOT))

from tools.write_documents import many_pages_pdf  # noqa: E402

BUDGET_SECONDS = 20
BUDGET_MB = 600
PROBE = """
import json, resource, sys, time
from xxgk_lint.cli import main
start = time.perf_counter()
code = main(["--no-cache", "--format", "json", "--output", sys.argv[2], sys.argv[1]])
print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def lint(path: Path, tmp_path: Path) -> tuple[dict, list[dict], str]:
    out = tmp_path / "findings.json"
    proc = subprocess.run([sys.executable, "-c", PROBE, str(path), str(out)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in proc.stderr, proc.stderr
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    return stats, json.loads(out.read_text("utf-8")), proc.stderr


@pytest.mark.parametrize("name, code, words", [
    ("bomb.docx", "P001", "未解压"),  # 300 MB of XML in a 300 KB file: refused from the zip's directory
    ("laughs.docx", "P001", "DTD"),  # entities: refused by defusedxml
    ("encrypted.pdf", "P001", "密码"),
    ("truncated.pdf", "P001", ""),
    ("scan.pdf", "P001", "文字层"),
])
def test_a_hostile_or_broken_document_is_one_finding_within_the_budget(tmp_path, name, code, words):
    pytest.importorskip("pdfplumber")
    stats, found, _ = lint(DOCUMENTS / name, tmp_path)
    assert stats["code"] == 1
    assert [d["code"] for d in found if d["severity"] == "error"][:1] == [code], found
    assert words in found[0]["message"]
    assert stats["seconds"] < BUDGET_SECONDS and stats["mb"] < BUDGET_MB, stats


def test_thousands_of_pages_are_a_declared_partial_read_within_the_budget(tmp_path):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "manypages.pdf"
    path.write_bytes(many_pages_pdf(3000))
    stats, found, _ = lint(path, tmp_path)
    partial = [d for d in found if d["code"] == "P007"]
    assert partial and "300" in partial[0]["message"], found  # the first 300 pages, and it says so
    assert stats["seconds"] < BUDGET_SECONDS and stats["mb"] < BUDGET_MB, stats
