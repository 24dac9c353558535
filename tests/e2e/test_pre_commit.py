"""The pre-commit hook, run by the real `pre-commit try-repo` against a repository of reports."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents import docx_from_markdown

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_try_repo_fails_on_faulty_report_and_passes_on_clean(tmp_path):
    pre_commit = [sys.executable, "-m", "pre_commit"]
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "clean.md").write_text(BASE, "utf-8")
    (reports / "faulty.md").write_text(BASE.replace("| 行政处罚 | 4 |", "| 行政处罚 | -4 |"), "utf-8")
    # a Word draft: the hook's `files` pattern takes .docx (identify gives it no type tag)
    (reports / "faulty.docx").write_bytes(docx_from_markdown(BASE.replace("| 行政处罚 | 4 |", "| 行政处罚 | -4 |")))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    git("init", "-q", cwd=reports)
    git("add", ".", cwd=reports)

    def try_repo(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([*pre_commit, "try-repo", str(REPO), "xxgk-lint", "--files", name],
                              cwd=reports, env=env, capture_output=True, text=True, timeout=900)

    faulty = try_repo("faulty.md")
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert "N003" in faulty.stdout and "faulty.md:" in faulty.stdout
    word = try_repo("faulty.docx")
    assert word.returncode == 1, word.stdout + word.stderr
    assert "faulty.docx:" in word.stdout and "N003" in word.stdout and "第 1 个表格第 10 行第 2 列「-4」" in word.stdout
    clean = try_repo("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
