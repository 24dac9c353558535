"""The rule files: bundled ones are complete and their examples behave; user ones are validated and
a bad one is reported at its own line and column, never with a traceback and never executed."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
import yaml

from xxgk_lint.checks import builtin
from xxgk_lint.checks.examples import lint_example, run_examples
from xxgk_lint.checks.kinds import KINDS
from xxgk_lint.checks.rulefile import RuleFileError, documents_in
from xxgk_lint.checks.ruleset import load_rules, validate_file
from xxgk_lint.resources import load_yaml

REPO = Path(__file__).resolve().parents[2]
RULES_DIR = REPO / "rules"
SCHEMAS = REPO / "schemas"
RULE_FILES = sorted(RULES_DIR.glob("*.yaml"))
TEMPLATES = sorted((RULES_DIR / "templates").glob("*.yaml"))
BUNDLED = load_rules([])
BY_CODE = {r.code: r for r in BUNDLED}

# The codes of the brief ...
BRIEF_CODES = {"P001", "P002", "S001", "S002", "S003", "T001", "T002", "T003", "T004",
               "N001", "N002", "N003", "N004", "C001", "C002", "C003", "C004", "F001"}
# ... and those added since: S004 missing-title, Y001 year-mismatch, C005 narrative-mismatch,
# F002 fee-statement-misplaced (commit 6e7eeb4), P003 unused-suppression (commit 4ba17bf), all
# warnings; P004 internal-error (an error); P005 not-an-annual-report and P006 near-miss-label (warnings, issue 15);
# P007 partial-input and T005 outdated-rows (warnings, issue 16); S005 empty-part (an error, issue 17);
# C006 prose-contradicts-table and X001–X005 across reports (issue 17; X001 an error); N005
# number-format (issue 18: full-width digits or thousands separators, a safe fix).
ADDED_CODES = {"S004", "Y001", "C005", "F002", "P003", "P004", "P005", "P006", "P007", "T005", "S005", "C006",
               "X001", "X002", "X003", "X004", "X005", "N005"}
WARNINGS = {"S003", "N001"} | ADDED_CODES - {"P004", "S005", "X001"}
KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _docs(path: Path) -> list[dict]:
    return validate_file(path)


# ---------------------------------------------------------------- bundled rule files

@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_bundled_rule_file_validates_against_its_kind_schema(path):
    docs = _docs(path)
    assert len(docs) == 1
    rule = docs[0]
    assert rule["kind"] in {*KINDS, *builtin.KINDS}
    assert (SCHEMAS / "kinds" / f"{rule['kind']}.schema.json").is_file()


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_bundled_rule_has_every_presentation_field(path):
    (rule,) = _docs(path)
    for key in ("code", "name", "kind", "severity", "message", "message_en", "docs"):
        assert rule.get(key), key
    assert re.fullmatch(r"[A-Z]\d{3}", rule["code"])
    assert KEBAB.fullmatch(rule["name"])
    assert rule["severity"] in ("error", "warning", "info")
    assert set(rule["docs"]) == {"what", "why", "example", "fix"}
    for key, text in rule["docs"].items():
        assert isinstance(text, str) and text.strip(), key
    assert path.name == f"{rule['code']}-{rule['name']}.yaml"


def test_codes_and_names_are_unique():
    codes = [d["code"] for p in RULE_FILES for d in _docs(p)]
    names = [d["name"] for p in RULE_FILES for d in _docs(p)]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_the_set_of_codes():
    codes = {d["code"] for p in RULE_FILES for d in _docs(p)}
    assert codes == BRIEF_CODES | ADDED_CODES
    assert set(BY_CODE) == codes  # what the linter loads is exactly what is on disk


def test_severities():
    for path in RULE_FILES:
        (rule,) = _docs(path)
        expected = "warning" if rule["code"] in WARNINGS else "error"
        assert rule["severity"] == expected, rule["code"]
        assert BY_CODE[rule["code"]].severity == expected


def test_both_yaml_loaders_read_the_bundled_files_alike():
    """The hot path reads bundled rules with PyYAML, user files go through ruamel: same data."""
    for path in RULE_FILES:
        assert documents_in(load_yaml(path), str(path)) == _docs(path), path.name


def test_messages_have_the_same_placeholders_in_both_languages():
    def fields(message):
        texts = message.values() if isinstance(message, dict) else [message]
        return {name for t in texts for _, name, _, _ in string.Formatter().parse(t) if name}

    for rule in BUNDLED:
        # an English message may use the English twin of a parameter (C005: {what} / {what_en})
        english = {name.removesuffix("_en") for name in fields(rule.message_en)}
        assert fields(rule.message) == english, rule.code
        if isinstance(rule.message, dict):
            assert set(rule.message) == set(rule.message_en), rule.code


def test_kinds_and_their_schemas_agree():
    """Issue 14: the kinds are found, not listed (rule.schema.json has no enum of them any more)."""
    schema_kinds = {p.name.removesuffix(".schema.json") for p in (SCHEMAS / "kinds").glob("*.schema.json")}
    assert schema_kinds == set(KINDS) | set(builtin.KINDS)
    assert "enum" not in json.loads((SCHEMAS / "rule.schema.json").read_text("utf-8"))["properties"]["kind"]


def test_a_kind_is_known_when_its_module_and_its_schema_exist(monkeypatch, write):
    from types import ModuleType

    from xxgk_lint.checks.validation import known_kinds

    assert known_kinds() == sorted({*KINDS, *builtin.KINDS})
    monkeypatch.setitem(KINDS, "no_schema", ModuleType("no_schema"))  # a module without a schema
    assert "no_schema" not in known_kinds()
    monkeypatch.delitem(KINDS, "cell_value")  # a schema without a module
    assert "cell_value" not in known_kinds()
    with pytest.raises(RuleFileError) as info:
        validate_file(write("user.yaml", GOOD_RULE))
    assert info.value.message.startswith("unknown rule kind `cell_value`") and info.value.line == 3


def test_schema_files_are_valid_json_schemas():
    from jsonschema import Draft202012Validator

    paths = [SCHEMAS / "rule.schema.json", SCHEMAS / "template.schema.json", *(SCHEMAS / "kinds").glob("*.json")]
    for path in paths:
        Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


# ---------------------------------------------------------------- examples

@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_rule_has_good_and_bad_examples(code):
    rule = BY_CODE[code]
    assert rule.examples.get("good"), "no good example"
    if rule.kind in ("internal_error", "partial_input"):
        # no report can trigger a bug in xxgk-lint: P004's "bad example" is a planted bug,
        # tests/test_robustness.py::test_internal_error_in_one_file_is_its_finding; P007's are
        # documents too big to read whole, planted in tests/pipeline/test_docx_reader.py
        assert rule.examples.get("bad") == []
    else:
        assert rule.examples.get("bad"), "no bad example"


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_rule_examples_behave(code):
    rule = BY_CODE[code]
    results = run_examples(rule, load_rules([]))
    assert len(results) == len(rule.examples.get("good", [])) + len(rule.examples.get("bad", []))
    failed = [f"{r.expect} #{r.index + 1}: {r.detail}" for r in results if not r.ok]
    assert not failed


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_bad_examples_render_complete_messages(code):
    rule = BY_CODE[code]
    for example in rule.examples.get("bad", []):
        for lang in ("zh", "en"):
            name = "example.txt" if "bytes" in example else "example.md"  # .md: inline suppressions apply (P003)
            found = [d for d in lint_example(name, example, BUNDLED, lang) if d.code == code]
            assert found
            for d in found:
                assert not re.search(r"\{[A-Za-z_]+\}", d.message), d.message  # no placeholder left over


def test_the_example_runner_can_fail():
    """Swapping a rule's good and bad examples must make every example fail."""
    rule = BY_CODE["C001"]
    swapped = rule.replace(examples={"good": rule.examples["bad"], "bad": rule.examples["good"]})
    results = run_examples(swapped, BUNDLED)
    assert results and not any(r.ok for r in results)
    broken = rule.replace(examples={"bad": [{"base": "2021", "replace": [["no such text", "x"]]}]})
    (result,) = run_examples(broken, BUNDLED)
    assert not result.ok and "does not apply" in result.detail


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_template_validates_against_the_template_schema(path):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / "template.schema.json").read_text("utf-8"))
    template = yaml.safe_load(path.read_text("utf-8"))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(template)]
    assert errors == []
    assert template["id"] == path.stem
    # and the schema does reject a broken template
    broken = dict(template, sections=template["sections"][:5], extra=1)
    assert len(list(Draft202012Validator(schema).iter_errors(broken))) >= 2


def test_both_templates_exist():
    assert [p.stem for p in TEMPLATES] == ["2019", "2021"]


# ---------------------------------------------------------------- user rule files

GOOD_RULE = """\
code: X001
name: my-rule
kind: cell_value
severity: error
check: not_blank
cells: {tables: [二.五]}
message: "x {cell}"
message_en: "x {cell}"
docs: {what: a, why: b, example: c, fix: d}
"""


def _rule(**changes) -> str:
    """GOOD_RULE with lines replaced (key -> new line text, or None to drop the line)."""
    lines = GOOD_RULE.splitlines()
    out = []
    for line in lines:
        key = line.split(":", 1)[0]
        if key in changes:
            if changes[key] is not None:
                out.append(changes[key])
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _diagnostic(proc, path: Path) -> re.Match:
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    match = re.search(rf"^{re.escape(str(path))}:(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$",
                      proc.stderr, re.M)
    assert match, proc.stderr
    return match


@pytest.fixture
def check_rule_file(run_cli, write):
    """check_rule_file(text) -> (line, column, message) from the CLI; also checks the library agrees."""
    def check(text: str, name: str = "user.yaml"):
        path = write(name, text)
        proc = run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md")
        match = _diagnostic(proc, path)
        with pytest.raises(RuleFileError) as info:
            validate_file(path)
        assert (info.value.line, info.value.column) == (int(match["line"]), int(match["col"]))
        return int(match["line"]), int(match["col"]), match["msg"]

    return check


def test_a_good_user_rule_file_loads(run_cli, write):
    path = write("user.yaml", GOOD_RULE)
    assert [d["code"] for d in validate_file(path)] == ["X001"]
    proc = run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md")
    assert proc.returncode == 0 and "error:" not in proc.stderr


def test_unknown_key_next_to_the_real_one(check_rule_file):
    text = _rule(message='message: "x {cell}"\nmesage: "x {cell}"')
    line, col, msg = check_rule_file(text)
    assert (line, col) == (8, 1)
    assert "unknown key `mesage`" in msg and "did you mean `message`" in msg


def test_misspelt_key_says_did_you_mean(check_rule_file):
    line, col, msg = check_rule_file(_rule(message='mesage: "x {cell}"'))
    assert "did you mean `message`" in msg
    assert (line, col) == (7, 1)


def test_unknown_optional_key(check_rule_file):
    line, col, msg = check_rule_file(_rule(cells="cells: {tables: [二.五]}\nexampels: {}"))
    assert (line, col) == (7, 1)
    assert "unknown key `exampels`" in msg and "did you mean `examples`" in msg


def test_unknown_kind(check_rule_file):
    line, col, msg = check_rule_file(_rule(kind="kind: cell_valu"))
    assert (line, col) == (3, 1)
    assert "unknown rule kind `cell_valu`" in msg and "did you mean `cell_value`" in msg


def test_missing_kind(check_rule_file):
    line, col, msg = check_rule_file(_rule(kind=None))
    assert "kind" in msg


def test_yaml_syntax_error(check_rule_file):
    line, col, msg = check_rule_file(_rule(cells="cells: {tables: [二.五}"))
    assert (line, col) == (6, 21)  # the `}` where a `]` should close the `[`
    assert msg.startswith("invalid YAML")


def test_tab_indentation_is_a_yaml_error(check_rule_file):
    line, col, msg = check_rule_file(_rule(check="\tcheck: not_blank"))
    assert line == 5 and msg.startswith("invalid YAML")


def test_duplicate_key_is_a_yaml_error(check_rule_file):
    line, col, msg = check_rule_file(_rule(severity="severity: error\nseverity: warning"))
    assert line == 5 and "duplicate key" in msg


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
], ids=["apply", "new", "name", "verbatim"])
def test_python_tags_are_rejected_and_never_run(check_rule_file, tmp_path, tag):
    marker = tmp_path / "EXECUTED"
    line, col, msg = check_rule_file(_rule(severity="severity: " + tag.format(marker=marker)))
    assert line == 4
    assert "python" in msg and "not allowed" in msg
    assert not marker.exists()


def test_python_tag_behind_a_tag_directive_is_never_run(run_cli, write, tmp_path):
    marker = tmp_path / "EXECUTED"
    text = "%TAG !p! tag:yaml.org,2002:python/\n---\n" + _rule(
        severity=f"severity: !p!object/apply:os.system ['touch {marker}']")
    path = write("user.yaml", text)
    proc = run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md")
    _diagnostic(proc, path)
    with pytest.raises(RuleFileError):
        validate_file(path)
    assert not marker.exists()


def test_pattern_that_does_not_compile(check_rule_file):
    text = """\
code: X002
name: my-statement
kind: required_statement
severity: error
section: 六
patterns:
  - '信息处理费'
  - '(未收取'
message: "x"
message_en: "x"
docs: {what: a, why: b, example: c, fix: d}
"""
    line, col, msg = check_rule_file(text)
    assert (line, col) == (8, 5)
    assert "pattern does not compile" in msg


RELATION_RULE = """\
code: X003
name: my-sum
kind: sum_equals
severity: error
table: 三
per: row
relation: {relation}
message: "x"
message_en: "x"
docs: {{what: a, why: b, example: c, fix: d}}
"""


def test_relation_without_equals_sign(check_rule_file):
    line, col, msg = check_rule_file(RELATION_RULE.format(relation="总计 + 自然人"))
    assert line == 7
    assert "relation" in msg


def test_relation_without_equals_sign_says_what_is_wrong(check_rule_file):
    line, col, msg = check_rule_file(RELATION_RULE.format(relation="总计 + 自然人"))
    assert "=" in msg


def test_bad_relation_in_a_list_is_located(check_rule_file):
    line, col, msg = check_rule_file(RELATION_RULE.format(relation="\n  - 总计 = 自然人\n  - 总计 + 自然人"))
    assert (line, col) == (9, 5)


def test_relation_with_terms_missing_on_one_side(check_rule_file):
    line, col, msg = check_rule_file(RELATION_RULE.format(relation="'总计 = +'"))
    assert line == 7 and "both sides" in msg


@pytest.mark.parametrize("key,line_text,line", [
    ("severity", "severity: fatal", 4),
    ("name", "name: My_Rule", 2),
    ("docs", "docs: {what: a, why: b, example: c}", 9),
    ("message_en", "message_en: ''", 8),
])
def test_bad_common_value_is_reported_at_its_key(check_rule_file, key, line_text, line):
    got_line, col, msg = check_rule_file(_rule(**{key: line_text}))
    assert "Unevaluated properties" not in msg
    assert got_line == line


def test_bad_kind_specific_value_is_reported_at_its_key(check_rule_file):
    line, col, msg = check_rule_file(_rule(check="check: not_blanc"))
    assert line == 5 and "not_blanc" in msg


@pytest.mark.parametrize("content,fragment", [
    (b"", "must hold a rule"),
    (b"- 1\n- 2\n", "must hold a rule"),
    (b"rules: 5\n", "must hold a rule"),
    (b"\xff\xfe\x00\x00 not utf-8", "not UTF-8"),
], ids=["empty", "list-of-scalars", "rules-not-a-list", "not-utf8"])
def test_rule_files_that_are_not_rules(run_cli, write, content, fragment):
    path = write("user.yaml", content)
    proc = run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md")
    match = _diagnostic(proc, path)
    assert fragment in match["msg"]


def test_every_bad_file_is_reported_in_one_run(run_cli, write):
    one = write("one.yaml", _rule(kind="kind: cell_valu"))
    two = write("two.yaml", "code: [\n")
    proc = run_cli("--rules", one, "--rules", two, REPO / "rules" / "examples" / "2021.md")
    _diagnostic(proc, one)
    _diagnostic(proc, two)


def test_deeply_nested_rule_file_is_rejected(run_cli, write):
    path = write("deep.yaml", _rule(cells="cells: " + "[" * 60 + "]" * 60))
    _diagnostic(run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md"), path)
    path = write("deeper.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    _diagnostic(run_cli("--rules", path, REPO / "rules" / "examples" / "2021.md"), path)
