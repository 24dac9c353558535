"""Rule-file validation beyond the schemas: message placeholders, ids that exist in a template, and
patterns that cannot backtrack catastrophically. A rule file that passes must never make a lint fail
(P004); one that does not is refused at load, located, with exit code 2."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import xxgk_lint
from xxgk_lint.checks import builtin
from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.examples import example_bytes, lint_set, run_examples
from xxgk_lint.checks.kinds import KINDS
from xxgk_lint.checks.rule import rule_from_dict
from xxgk_lint.checks.rulefile import RuleFileError
from xxgk_lint.checks.ruleset import load_rules, validate_file
from xxgk_lint.checks.validation.semantics import message_problem, placeholders
from xxgk_lint.pipeline.report import Report, Unreadable

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = sorted((REPO / "rules").glob("*.yaml"))
REPORT = REPO / "rules" / "examples" / "2021.md"
SOURCE = Path(xxgk_lint.__file__).resolve().parent
BUNDLED = load_rules([])
# each kind's PLACEHOLDERS: declared in its module (checks/kinds/<kind>.py), the built-in kinds' in checks/builtin.py
PLACEHOLDERS = {**{kind: module.PLACEHOLDERS for kind, module in KINDS.items()}, **builtin.PLACEHOLDERS}
DOCS = "docs: {what: a, why: b, example: c, fix: d}\n"


def _error(run_cli, write, text: str, *, check_rules: bool = False) -> tuple[int, int, str]:
    """(line, column, message) of the one error the CLI reports for a rule file; the library agrees."""
    path = write("user.yaml", text)
    args = ("check-rules", path) if check_rules else ("--rules", path, REPORT)
    proc = run_cli(*args)  # fails on a traceback or "internal error"
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "P004" not in proc.stdout + proc.stderr
    match = re.search(rf"^{re.escape(str(path))}:(\d+):(\d+): error: (.+)$", proc.stderr, re.M)
    assert match, proc.stderr
    with pytest.raises(RuleFileError) as info:
        validate_file(path)
    assert (info.value.line, info.value.column, info.value.message) == \
        (int(match[1]), int(match[2]), match[3])
    return int(match[1]), int(match[2]), match[3]


def _loads(write, text: str) -> list[dict]:
    return validate_file(write("user.yaml", text))


def _lints_cleanly(docs: list[dict]) -> None:
    """An accepted rule runs on both templates' reports without an internal error."""
    rules = [rule_from_dict(d, "user.yaml") for d in docs]
    everything = {r.code: r for r in BUNDLED} | {r.code: r for r in rules}
    for base in ("2019", "2021"):
        lint_bytes(f"{base}.md", example_bytes({"base": base}), list(everything.values()))


# ================================================================ message placeholders

CELL_RULE = """\
code: X001
name: my-rule
kind: cell_value
severity: error
check: not_blank
cells: {{}}
message: {message}
message_en: "{{cell}} is blank"
""" + DOCS.replace("{", "{{").replace("}", "}}")


def test_the_table_names_every_kind():
    assert set(PLACEHOLDERS) == set(KINDS) | set(builtin.KINDS)
    for kind, names in PLACEHOLDERS.items():  # what validation reads is what the kind declares
        assert isinstance(names, frozenset) and names and placeholders(kind) == names, kind


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_bundled_rule_file_passes(path):
    """Every bundled message uses only its kind's placeholders: the table is complete."""
    (doc,) = validate_file(path)
    for key in ("message", "message_en"):
        texts = doc[key].values() if isinstance(doc[key], dict) else [doc[key]]
        for text in texts:
            assert message_problem(text, PLACEHOLDERS[doc["kind"]]) == ("", ""), (key, text)


def _finding_dicts(tree: ast.AST) -> list[ast.Dict]:
    """The dict literals a module gives findings: `Finding(span, {...})`, `params = {...}` and
    `{**params, ...}`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding" and len(node.args) > 1 \
                and isinstance(node.args[1], ast.Dict):
            found.append(node.args[1])
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) \
                and any(getattr(t, "id", "") == "params" for t in node.targets):
            found.append(node.value)
        elif isinstance(node, ast.Dict) and any(k is None and getattr(v, "id", "") == "params"
                                                for k, v in zip(node.keys, node.values)):
            found.append(node)
    return found


def _keys(module: Path) -> list[set[str]]:
    tree = ast.parse(module.read_text("utf-8"))
    return [{k.value for k in d.keys if isinstance(k, ast.Constant)} for d in _finding_dicts(tree)]


@pytest.mark.parametrize("kind", sorted(PLACEHOLDERS))
def test_the_table_matches_the_kinds_code(kind):
    """The names a kind's module puts in its findings are exactly the table's (P001, P003 and P004
    are made in checks/builtin.py)."""
    if kind in builtin.KINDS:
        found = _keys(SOURCE / "checks" / "builtin.py")
        assert any(keys == PLACEHOLDERS[kind] for keys in found), found
        assert set().union(*found) == set().union(*(PLACEHOLDERS[k] for k in builtin.KINDS))
        return
    found = _keys(SOURCE / "checks" / "kinds" / f"{kind}.py")
    assert found, f"no findings in kinds/{kind}.py"
    assert set().union(*found) == PLACEHOLDERS[kind]


def _example_reports():
    for rule in BUNDLED:
        for expect in ("good", "bad"):
            for index, example in enumerate(rule.examples.get(expect, [])):
                name = f"{rule.code}-{expect}-{index}" + (".txt" if "bytes" in example else ".md")
                for i, one in enumerate(example.get("reports", [example])):
                    yield f"{name}-{i}", parse(name, example_bytes(one))


def _example_sets():
    for rule in BUNDLED:
        for expect in ("good", "bad"):
            for index, example in enumerate(rule.examples.get(expect, [])):
                if "reports" in example:
                    yield f"{rule.code}-{expect}-{index}", lint_set(rule.code, example, BUNDLED)[1]


def test_what_the_kinds_emit_on_the_examples_is_in_the_table():
    """Every rule run on every good and bad example: each finding's parameters are allowed names."""
    seen: dict[str, set[str]] = {}
    for name, report in _example_reports():
        for rule in BUNDLED:
            if isinstance(report, Unreadable):
                findings = [builtin.unreadable(report.reason, report.reason_zh)] \
                    if rule.kind == "readable_input" else []
            else:
                assert isinstance(report, Report)
                kind = KINDS.get(rule.kind)
                findings = list(kind.check(rule, report)) if hasattr(kind, "check") else []
            for finding in findings:
                assert set(finding.params) <= PLACEHOLDERS[rule.kind], (name, rule.code, finding.params)
                seen.setdefault(rule.kind, set()).update(finding.params)
    for name, reports in _example_sets():  # the kinds across reports: on each example's set
        for rule in BUNDLED:
            for finding in getattr(KINDS.get(rule.kind), "check_set", lambda *_: [])(rule, reports):
                assert set(finding.params) <= PLACEHOLDERS[rule.kind], (name, rule.code, finding.params)
                seen.setdefault(rule.kind, set()).update(finding.params)
    # every kind with a bad example was exercised (P003 and P004 are emitted outside the kinds)
    assert set(seen) >= {r.kind for r in BUNDLED if r.examples.get("bad")} - {"unused_suppression"}


def test_what_the_engine_emits_for_p003_is_in_the_table(monkeypatch):
    import xxgk_lint.checks.engine as engine

    emitted = []
    original = engine.make_diagnostic

    def spy(rule, finding, *args, **kwargs):
        emitted.append((rule.kind, set(finding.params)))
        return original(rule, finding, *args, **kwargs)

    monkeypatch.setattr(engine, "make_diagnostic", spy)
    p003 = next(r for r in BUNDLED if r.kind == "unused_suppression")
    assert all(r.ok for r in run_examples(p003, BUNDLED))
    assert any(kind == "unused_suppression" for kind, _ in emitted)
    for kind, params in emitted:
        assert params <= PLACEHOLDERS[kind], (kind, params)


@pytest.mark.parametrize("message,fragment", [
    ('"{cell未填写"', "not a valid template: expected '}' before end of string"),
    ('"{cell}未填写}"', "Single '}' encountered"),
    ('"{0}未填写"', "positional placeholder `{0}`"),
    ('"{}未填写"', "positional placeholder `{}`"),
    ('"{cel}未填写"', "unknown placeholder `{cel}` — did you mean `{cell}`?"),
    ('"{where}未填写"', "unknown placeholder `{where}` (this kind provides `{cell}`, `{plain}`, `{unverified}`, `{value}`)"),
    ('"{cell:d}未填写"', "placeholder `{cell:d}` uses a format spec"),
    ('"{cell!r}未填写"', "placeholder `{cell!r}` uses a format spec, conversion or attribute"),
    ('"{cell.upper}未填写"', "write `{cell}`"),
], ids=["unclosed", "single-close", "positional", "empty", "misspelt", "other-kind", "spec", "conversion",
        "attribute"])
def test_bad_message_templates_are_refused(run_cli, write, message, fragment):
    line, col, msg = _error(run_cli, write, CELL_RULE.format(message=message))
    assert line == 7
    assert fragment in msg
    assert col > 1  # at the value (at the placeholder when there is one), not at the key


def test_unknown_placeholder_is_located_at_the_placeholder(run_cli, write):
    line, col, msg = _error(run_cli, write, CELL_RULE.format(message='"单元格 {cel} 未填写"'))
    assert (line, col) == (7, len('message: "单元格 ') + 1)
    assert msg == "unknown placeholder `{cel}` — did you mean `{cell}`?"


def test_check_rules_refuses_a_bad_placeholder_too(run_cli, write):
    line, col, msg = _error(run_cli, write, CELL_RULE.format(message='"{cel}"'), check_rules=True)
    assert "did you mean `{cell}`" in msg


def test_message_en_and_per_variant_messages_are_checked(run_cli, write):
    text = ("code: X013\nname: my-rows\nkind: aligned_rows\nseverity: error\n"
            "message:\n  no-label: \"{table}无标签\"\n  duplicate: \"{table}「{label}」重复\"\n"
            "message_en:\n  no-label: \"{table} has no label\"\n  duplicate: \"'{labl}' again\"\n" + DOCS)
    line, col, msg = _error(run_cli, write, text)
    assert line == 10 and "unknown placeholder `{labl}` — did you mean `{label}`?" in msg


def test_good_messages_are_accepted(write):
    docs = _loads(write, CELL_RULE.format(message='"{{{cell}}} 为空：{value}{{}}"'))
    assert docs[0]["message"] == "{{{cell}}} 为空：{value}{{}}"
    text = ("code: X014\nname: my-years\nkind: year_consistency\nseverity: warning\n"
            "message:\n  mismatch: \"{b}{year_b}/{a}{year_a}\"\n  malformed: \"{date}\"\n"
            "message_en:\n  mismatch: \"{b_en} {year_b} / {a_en} {year_a}\"\n  malformed: \"{date}\"\n" + DOCS)
    _lints_cleanly(_loads(write, text))


def test_message_problem():
    allowed = {"cell", "value"}
    assert message_problem("{cell} = {value}; {{literal}}", allowed) == ("", "")
    assert message_problem("no placeholders", allowed) == ("", "")
    problem, needle = message_problem("{cel}", allowed)
    assert problem == "unknown placeholder `{cel}` — did you mean `{cell}`?" and needle == "{cel}"
    assert "not a valid template" in message_problem("{cell", allowed)[0]


# ================================================================ ids that do not exist

SUM_RULE = """\
code: X003
name: my-sum
kind: sum_equals
severity: error
table: {table}
per: {per}
relation: {relation}
{extra}message: "{{where}}: {{total}} ≠ {{sum}}"
message_en: "{{where}}: {{total}} is not {{sum}}"
""" + DOCS.replace("{", "{{").replace("}", "}}")


def _sum(relation: str, per: str = "column", table: str = "三", extra: str = "") -> str:
    return SUM_RULE.format(relation=relation, per=per, table=table, extra=extra)


def test_unknown_row_in_a_relation_is_refused_at_load(run_cli, write):
    """Before: every lint failed with an internal error (P004). Now: the term, located."""
    text = _sum("一 + 二 = 三.九")
    line, col, msg = _error(run_cli, write, text)
    assert (line, col) == (7, text.splitlines()[6].index("三.九") + 1)
    assert msg.startswith("unknown row `三.九` in table 三 (rows: 一, 二, 三.一")
    assert _error(run_cli, write, text, check_rules=True)[2] == msg


def test_unknown_term_in_a_list_of_relations(run_cli, write):
    text = _sum("\n  - 一 + 二 = 三.七 + 四\n  - 三.七 = 三.一 + 三.二 + 三.八*")
    line, col, msg = _error(run_cli, write, text)
    assert (line, col) == (9, text.splitlines()[8].index("三.八*") + 1)
    assert "unknown row `三.八*` in table 三" in msg


def test_caption_row_needs_a_wildcard(run_cli, write):
    line, col, msg = _error(run_cli, write, _sum("三.七 = 三.一 + 三.二 + 三.三"))
    assert "`三.三` of table 三 is a caption" in msg and "`三.三*`" in msg


def test_term_of_the_other_axis(run_cli, write):
    line, col, msg = _error(run_cli, write, _sum("一 = 自然人", per="row"))
    assert msg.startswith("unknown column `一` in table 三: with `per: row` the terms are columns")
    line, col, msg = _error(run_cli, write, _sum("总计 = 自然人 + 其他"))
    assert msg.startswith("unknown row `总计` in table 三: with `per: column` the terms are rows")


def test_unknown_table(run_cli, write):
    line, col, msg = _error(run_cli, write, _sum("一 = 二", table="五"))
    assert (line, col) == (5, 8)
    assert msg.startswith("unknown table `五` (tables: 二.一")


@pytest.mark.parametrize("extra,fragment,where", [
    ("total: 三.一\n", "`total: 三.一` is not a term of the relation `一 + 二 = 三.七 + 四`", (8, 8)),
    ("total: 三.七*\n", "`total: 三.七*` must name one row, not a pattern", (8, 8)),
    ("total: 三.三.1\n", "`total: 三.三.1` is not a term", (8, 8)),
    ("rows: [一]\ncolumns: [总计, 合计]\n", "unknown column `合计` in table 三", (9, 15)),
    ("rows: [三.九]\n", "unknown row `三.九` in table 三", (8, 8)),
], ids=["total-not-a-term", "total-pattern", "total-elsewhere", "columns", "rows"])
def test_total_rows_and_columns_must_exist(run_cli, write, extra, fragment, where):
    line, col, msg = _error(run_cli, write, _sum("一 + 二 = 三.七 + 四", extra=extra))
    assert fragment in msg
    assert (line, col) == where


def test_total_given_as_a_pattern(run_cli, write):
    line, col, msg = _error(run_cli, write, _sum("三.七 = 三.一 + 三.六*", extra="total: 三.六*\n"))
    assert msg == "`total: 三.六*` must name one row, not a pattern"


def test_total_missing_from_one_template(run_cli, write):
    """三.六 has values in the 2019 template only (in 2021 it is a caption): no total in 2021."""
    line, col, msg = _error(run_cli, write, _sum("三.七 = 三.一 + 三.六", extra="total: 三.六\n"))
    assert line == 8 and "not a row of table 三 in the 2021 template" in msg


def test_right_side_naming_nothing_in_one_template(run_cli, write):
    """Without `total:`, a relation whose right side is empty in a template has no total there."""
    line, col, msg = _error(run_cli, write, _sum("一 + 二 = 三.六.1"))
    assert line == 7 and "names no row of table 三 in the 2019 template" in msg


@pytest.mark.parametrize("relation,per,extra", [
    ("三.七 = 三.一 + 三.二 + 三.三* + 三.四* + 三.五* + 三.六*", "column", ""),
    ("一 + 二 = 三.七 + 四", "column", "total: 三.七\ncolumns: [总计, 自然人]\n"),
    ("总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他", "row", "rows: [一, 三.*]\n"),
    ("三.七 = 三.一 + 三.六", "column", ""),  # 三.六 has values in the 2019 template
    ("三.三.1 + 三.三.2 = 三.三*", "column", "total: 三.三.2\n"),  # a total within a wildcard term
], ids=["wildcards", "total-and-columns", "per-row", "one-template", "total-in-wildcard"])
def test_good_relations_load_and_lint(write, relation, per, extra):
    _lints_cleanly(_loads(write, _sum(relation, per, extra=extra)))


def _cells(cells: str) -> str:
    return CELL_RULE.format(message='"{cell}为空"').replace("cells: {}", f"cells: {cells}")


@pytest.mark.parametrize("cells,fragment", [
    ("{tables: [二.十]}", "unknown table `二.十` (tables: 二.一, 二.五"),
    ("{tables: [二.五], rows: [行政处罚]}", "unknown row `行政处罚` in table 二.五 (rows: 行政许可"),
    ("{tables: [三], columns: [合计]}", "unknown column `合计` in table 三"),
    ("{columns: [本年增加]}", "unknown column `本年增加`: no table among"),
    ("{rows: [三.三]}", "`三.三` of table 三 is a caption"),
    ("{except: [{tables: [三], columns: [本年增减]}]}", "unknown column `本年增减` in table 三"),
    ("{except: [{tables: [五]}]}", "unknown table `五`"),
    ("{tables: [三], except: [{rows: [二.一]}]}", "unknown row `二.一` in table 三"),
], ids=["table", "row", "column", "column-anywhere", "caption", "except-column", "except-table", "except-row"])
def test_cell_selectors_must_name_something(run_cli, write, cells, fragment):
    text = _cells(cells)
    line, col, msg = _error(run_cli, write, text)
    assert fragment in msg
    assert line == 6 and col > len("cells: {")


@pytest.mark.parametrize("cells", [
    "{}", "{tables: [二.*], rows: [行政处罚]}", "{except: [{columns: [本年增减]}]}",
    "{tables: [二.九]}", "{tables: [三], rows: [三.三*], except: [{rows: [三.三.8]}]}",
], ids=["all", "wildcard-table", "2019-column", "2019-table", "sub-rows"])
def test_good_cell_selectors_load_and_lint(write, cells):
    _lints_cleanly(_loads(write, _cells(cells)))


FIGURE_RULE = """\
code: X009
name: my-figures
kind: narrative_figures
severity: warning
figures:
  - what: 办结
    pattern: '{pattern}'
    equals_any:
      - {alternative}
message: "{{what}} {{stated}} ≠ {{table}}"
message_en: "{{what_en}} {{stated}} is not {{table}}"
""" + DOCS.replace("{", "{{").replace("}", "}}")


def _figure(alternative: str = "{table: 三, rows: [三.七], columns: [总计]}", pattern: str = r"办结\s*(?P<n>\d+)\s*件"):
    return FIGURE_RULE.format(alternative=alternative, pattern=pattern)


@pytest.mark.parametrize("alternative,fragment", [
    ("{table: 五, rows: [一]}", "unknown table `五`"),
    ("{table: '三*', rows: [一]}", "`table` takes one table id, not a pattern"),
    ("{table: 三, rows: [三.九], columns: [总计]}", "unknown row `三.九` in table 三"),
    ("{table: 三, rows: [一], columns: [合计]}", "unknown column `合计` in table 三"),
    ("{table: 四, columns: [复议.合计]}", "unknown column `复议.合计` in table 四"),
], ids=["table", "table-pattern", "row", "column", "table-4"])
def test_figure_cells_must_exist(run_cli, write, alternative, fragment):
    line, col, msg = _error(run_cli, write, _figure(alternative))
    assert line == 9 and fragment in msg


@pytest.mark.parametrize("pattern,fragment", [
    (r"办结(?P<n>[一二三十]+)件", "must match digits only"),
    (r"办结(?P<n>[\d,]+)件", "must match digits only"),
    (r"办结(?P<n>\d*)件", "must match digits only"),
    (r"办结(?:(?P<n>\d+)件)?", "is optional or inside an alternative"),
    (r"办结(?:共(?P<n>\d+)件|若干件)", "is optional or inside an alternative"),
], ids=["numerals", "comma", "may-be-empty", "optional", "alternative"])
def test_figure_number_group_must_be_digits_in_every_match(run_cli, write, pattern, fragment):
    line, col, msg = _error(run_cli, write, _figure(pattern=pattern))
    assert line == 7 and fragment in msg


def test_good_figures_load_and_lint(write):
    _lints_cleanly(_loads(write, _figure()))
    _lints_cleanly(_loads(write, _figure("{table: 三, rows: ['三.三*', 三.四.1], columns: [总计]}",
                                         r"(?:办结|答复)(?P<n>\d+|[0-9]+)件")))


@pytest.mark.parametrize("kind,option,value,fragment", [
    ("required_table", "tables", "[二.一, 二.十]", "unknown table `二.十`"),
    ("required_rows", "tables", "['五*']", "unknown table `五*`"),
    ("required_columns", "tables", "[表三]", "unknown table `表三`"),
    ("aligned_rows", "tables", "['4']", "unknown table `4`"),
    ("required_section", "sections", "[一, 七]", "unknown part `七` (parts: 一, 二, 三, 四, 五, 六)"),
])
def test_tables_and_parts_of_other_kinds_must_exist(run_cli, write, kind, option, value, fragment):
    text = (f"code: X020\nname: my-rule\nkind: {kind}\nseverity: error\n{option}: {value}\n"
            f"message: \"{{{sorted(PLACEHOLDERS[kind])[0]}}}\"\nmessage_en: \"x\"\n" + DOCS)
    line, col, msg = _error(run_cli, write, text)
    assert line == 5 and col > len(option) + 2 and fragment in msg
    good = text.replace(value, "['二.*', 三]" if option == "tables" else "[一, 六]")
    _lints_cleanly(_loads(write, good))


def test_bundled_rules_as_user_rules_still_load(run_cli):
    """The bundled files pass every new check when given as user rule files too."""
    proc = run_cli("rules", "--rules", REPO / "rules")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(RULE_FILES)


def test_patterns_from_an_unknown_rule_is_a_located_error(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    rule = (Path(__file__).resolve().parents[2] / "rules" / "F002-fee-statement-misplaced.yaml").read_text("utf-8")
    rule = rule.replace("patterns_from: F001", "patterns_from: F009").replace("code: F002", "code: X002")
    (tmp_path / "x.yaml").write_text(rule.replace("name: fee-statement-misplaced", "name: x-two"), "utf-8")
    line = rule.splitlines().index("patterns_from: F009") + 1
    for args in (["--rules", "x.yaml", "x.yaml"], ["check-rules", "x.yaml"]):
        proc = subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 2 and f"x.yaml:{line}:1: error: `patterns_from: F009`" in proc.stderr
        assert "internal error" not in proc.stderr
