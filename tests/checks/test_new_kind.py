"""Issue 14: a new rule kind is its module, its schema and its rules — no list, enum or table
elsewhere to keep in step. Shown on a copy of the installed package with a tiny kind added."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

KIND = '''\
"""A word a report must not contain (a tiny kind, added by tests/test_new_kind.py)."""
from __future__ import annotations

from ...model import Finding, Span
from ._common import OptionError

PLACEHOLDERS = frozenset({"word", "line"})


def prepare(options, context):
    word = options["word"].strip()
    if not word:
        raise OptionError("`word` is blank: it would be found on every line", ["word"], "")
    return word


def check(rule, report):
    word = rule.prepared
    for line in report.doc.lines:
        at = line.text.find(word)
        if at >= 0:
            yield Finding(Span(line.number, at + 1, line.number, at + 1 + len(word)),
                          {"word": word, "line": line.number}, logical=f"word/{line.number}")
'''

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:xxgk-lint:schema:kind:forbidden_word",
    "title": "xxgk-lint rule of kind forbidden_word: a word the report must not contain",
    "allOf": [{"$ref": "urn:xxgk-lint:schema:rule"}],
    "properties": {"kind": {"const": "forbidden_word"}, "word": {"type": "string", "minLength": 1}},
    "required": ["word"],
    "unevaluatedProperties": False,
}

RULE = """\
code: X100
name: forbidden-word
kind: forbidden_word
severity: warning
word: 草稿
message: "第 {line} 行含有「{word}」"
message_en: "line {line} contains '{word}'"
docs: {what: a, why: b, example: c, fix: d}
examples:
  bad:
    - base: "2021"
      replace: [["工作年度报告", "工作年度报告（草稿）"]]
  good:
    - base: "2021"
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """A copy of the package laid out as installed (rules/ and schemas/ inside it), plus the kind."""
    root = tmp_path_factory.mktemp("installed")
    target = root / "xxgk_lint"
    shutil.copytree(REPO / "src" / "xxgk_lint", target, ignore=shutil.ignore_patterns("__pycache__"))
    for data in ("rules", "schemas"):
        shutil.copytree(REPO / data, target / data)
    (target / "checks" / "kinds" / "forbidden_word.py").write_text(KIND, "utf-8")
    (target / "schemas" / "kinds" / "forbidden_word.schema.json").write_text(json.dumps(SCHEMA, indent=2), "utf-8")
    return root


def _run(package: Path, cwd: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package), "XXGK_LINT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_tiny_kind_finds_what_it_checks(package, tmp_path):
    (tmp_path / "word.yaml").write_text(RULE, "utf-8")
    report = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
    (tmp_path / "report.md").write_text(report.replace("本报告根据", "本报告（草稿）根据", 1), "utf-8")
    proc = _run(package, tmp_path, "--rules", "word.yaml", "--format", "json", "report.md")
    assert proc.returncode in (0, 1), proc.stderr  # a warning: the exit code is the --fail-on setting's
    (found,) = [d for d in json.loads(proc.stdout) if d["code"] == "X100"]
    assert (found["line"], found["message"]) == (3, "第 3 行含有「草稿」")


def test_check_rules_runs_the_tiny_kinds_examples(package, tmp_path):
    (tmp_path / "word.yaml").write_text(RULE, "utf-8")
    proc = _run(package, tmp_path, "check-rules", "word.yaml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1 rules, 2 examples, 0 fixes: ok"


def test_the_tiny_kinds_own_checks_are_located_in_the_rule_file(package, tmp_path):
    shutil.copy(REPO / "rules" / "examples" / "2021.md", tmp_path / "report.md")
    (tmp_path / "word.yaml").write_text(RULE.replace("word: 草稿", "word: ' '"), "utf-8")
    proc = _run(package, tmp_path, "--rules", "word.yaml", "report.md")
    assert proc.returncode == 2
    assert "word.yaml:5:7: error: `word` is blank: it would be found on every line" in proc.stderr
    (tmp_path / "word.yaml").write_text(RULE.replace("第 {line} 行", "第 {row} 行"), "utf-8")
    proc = _run(package, tmp_path, "check-rules", "word.yaml")
    assert proc.returncode == 2 and "unknown placeholder `{row}`" in proc.stderr  # its PLACEHOLDERS


def test_without_its_schema_the_kind_is_unknown(package, tmp_path):
    schema = package / "xxgk_lint" / "schemas" / "kinds" / "forbidden_word.schema.json"
    hidden = schema.with_suffix(".hidden")
    schema.rename(hidden)
    try:
        (tmp_path / "word.yaml").write_text(RULE.replace("kind: forbidden_word", "kind: forbidden_wrd"), "utf-8")
        proc = _run(package, tmp_path, "check-rules", "word.yaml")
    finally:
        hidden.rename(schema)
    assert proc.returncode == 2 and "word.yaml:3:1: error: unknown rule kind `forbidden_wrd`" in proc.stderr
    assert "forbidden_word" not in proc.stderr  # not offered as the closest: without a schema it is not a kind
