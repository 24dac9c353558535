"""Fast paths of the rule kinds give what the slower code they stand in for gives: `*` selectors
(fnmatch), C005's required text (the patterns' literal runs), selector plans."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# --- selectors: `*` patterns matched without fnmatch's regex ----------------------------------

@settings(max_examples=2000, deadline=None)
@given(st.text("ab三.*", max_size=7), st.text("ab三.*?", max_size=6))
def test_star_match_is_fnmatchcase(text, pattern):
    from fnmatch import fnmatchcase

    from xxgk_lint.checks.kinds._common import star_match

    assert star_match(text, pattern) == fnmatchcase(text, pattern)


# --- C005: a figure's pattern is only run on lines holding the text every match holds -----------

def _top_level_literal_runs(pattern: str) -> list[str]:
    """The oracle: runs of literal characters at the top level of the parsed pattern."""
    from re import _parser

    runs, run = [], ""
    for op, value in _parser.parse(pattern):
        if str(op) == "LITERAL":
            run += chr(value)
        else:
            runs.append(run)
            run = ""
    return [*runs, run]


def test_required_text_of_the_bundled_figures():
    from xxgk_lint.checks.kinds.narrative_figures import required_text
    from xxgk_lint.checks.ruleset import load_rules

    figures = next(r for r in load_rules([]) if r.code == "C005").options["figures"]
    found = {f["pattern"]: required_text(f["pattern"]) for f in figures}
    assert sum(bool(text) for text in found.values()) == len(figures)  # every figure has one
    for pattern, text in found.items():
        assert any(text in run for run in _top_level_literal_runs(pattern)), pattern


PATTERN_PIECES = st.sampled_from(["收", "到", "申请", "(?:了)?", "\\s*", "(?P<n>\\d+)", "件", "?", "+", "*", "|",
                                  "[及和]", "度?", "(", ")", ".", "{0,2}", "{2}", "\\(", "(?<!不)", "[]办]", "\\u4e00"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PATTERN_PIECES, min_size=1, max_size=8))
def test_required_text_is_always_held_by_every_match(pieces):
    import re

    from xxgk_lint.checks.kinds.narrative_figures import required_text

    pattern = "".join(pieces)
    try:
        re.compile(pattern)
    except re.error:
        return
    text = required_text(pattern)
    assert not text or any(text in run for run in _top_level_literal_runs(pattern)), (pattern, text)


@pytest.mark.parametrize("pattern", ["(?i)(?x)甲 # 乙乙\n丙(?P<n>\\d+)", ".{(?:了)?件|}申请.", "收(?#注){0,2}申请",
                                     "申请{#|办结"])
def test_required_text_gives_up_on_patterns_past_its_reading(pattern):
    from xxgk_lint.checks.kinds.narrative_figures import required_text

    assert required_text(pattern) == ""


def test_cell_rules_without_a_selector_do_not_grow_the_plan_cache():
    """The cells a rule names are worked out once per template table, on the rule's prepared options."""
    from xxgk_lint.checks.engine import lint_bytes
    from xxgk_lint.checks.rule import rule_from_dict

    rule = rule_from_dict({"code": "X001", "name": "no-blank", "kind": "cell_value", "severity": "warning",
                           "message": "空白 {cell}", "message_en": "blank {cell}", "check": "not_blank"}, "x.yaml")
    report = next((Path(__file__).parents[2] / "examples").glob("004_*.txt")).read_bytes()
    lint_bytes("a.txt", report, [rule])
    size = len(rule.prepared.cells)
    for _ in range(20):
        lint_bytes("a.txt", report, [rule])
    assert len(rule.prepared.cells) == size


def test_patterns_compile_through_compile_pattern_a_users_at_load_a_bundled_one_when_used(monkeypatch):
    """A user's pattern is compiled (untrusted) when its rule loads; a bundled one (trusted) only
    when a check first needs it."""
    from xxgk_lint.checks.engine import lint_bytes
    from xxgk_lint.checks.kinds import _common
    from xxgk_lint.checks.pack import bundled
    from xxgk_lint.checks.rule import rule_from_dict

    compiled = []
    original = _common.compile_pattern

    def spy(pattern: str, trusted: bool):
        compiled.append((pattern, trusted))
        return original(pattern, trusted)

    monkeypatch.setattr(_common, "compile_pattern", spy)
    documents, templates = bundled()
    (s004,) = [doc for doc, _ in documents if doc["code"] == "S004"]
    bundled_rule = rule_from_dict(s004, "S004.yaml", templates, trusted=True)
    user_rule = rule_from_dict({**s004, "code": "X004", "phrase": "年度报告"}, "user.yaml")
    assert compiled == [("年度报告", False)]
    report = next((Path(__file__).parents[2] / "examples").glob("004_*.txt")).read_bytes()
    lint_bytes("a.txt", report, [bundled_rule, user_rule])
    assert compiled == [("年度报告", False), (s004["phrase"], True)]


def test_prepared_rules_survive_pickling_as_a_spawned_worker_receives_them():
    """`--jobs` on a platform without fork pickles the rules to each worker: what a kind prepared
    (plans per table, compiled patterns) must pickle, and lint alike after the round trip."""
    import pickle

    from xxgk_lint.checks.engine import lint_bytes
    from xxgk_lint.checks.rule import rule_from_dict
    from xxgk_lint.checks.ruleset import load_rules

    rules = load_rules([])
    s004 = next(r for r in rules if r.code == "S004")
    rules.append(rule_from_dict({"code": "X004", "name": "user-title", "kind": "required_title", "severity": "error",
                                 "message": s004.message, "message_en": s004.message_en, "phrase": "年度报告"},
                                "user.yaml"))  # a user's pattern: compiled by the untrusted engine
    report = next((Path(__file__).parents[2] / "examples").glob("004_*.txt")).read_bytes()
    before = lint_bytes("a.txt", report, rules)
    again = pickle.loads(pickle.dumps(rules))
    assert before and lint_bytes("a.txt", report, again) == before
