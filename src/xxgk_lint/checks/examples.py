"""Run a rule's good and bad examples (rules/examples/BASE.md with edits) — used by the tests
and by `check-rules`: a bad example must make the rule fire, a good one must not."""
from __future__ import annotations

from ..resources import data_dir
from ..speed import Record
from .across import ReportSet, agency_key, identity, run_across, wanted_cells
from .engine import lint_bytes, lint_with_facts
from .rule import Rule


class ExampleResult(Record):
    __slots__ = ("rule", "expect", "index", "ok", "detail")

    def __init__(self, rule: str, expect: str, index: int, ok: bool, detail: str = "") -> None:
        self.rule = rule
        self.expect = expect  # good | bad
        self.index = index
        self.ok = ok
        self.detail = detail


def example_bytes(example: dict) -> bytes:
    """The file of an example (for a set of reports, its first report's: checked to apply)."""
    if "reports" in example:
        for report in example["reports"][1:]:
            example_bytes(report)
        return example_bytes(example["reports"][0])
    if "bytes" in example:
        return example["bytes"].encode("latin-1", "replace")
    text = (data_dir("rules") / "examples" / f"{example['base']}.md").read_text("utf-8")
    for old, new in example.get("replace", []):
        if old not in text:
            raise ValueError(f"example edit does not apply: {old[:40]!r} is not in base {example['base']}")
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def run_examples(rule: Rule, rules: list[Rule]) -> list[ExampleResult]:
    """Lint each example with all `rules` (as a user would) and look for this rule's code."""
    results = []
    for expect in ("bad", "good"):
        for index, example in enumerate(rule.examples.get(expect, [])):
            try:
                example_bytes(example)  # its edits apply
            except ValueError as exc:
                results.append(ExampleResult(rule.code, expect, index, False, str(exc)))
                continue
            name = f"{rule.code}-{expect}-example-{index + 1}" + ("" if "bytes" in example else ".md")
            found = [d for d in lint_example(name, example, rules) if d.code == rule.code]
            ok = bool(found) if expect == "bad" else not found
            detail = "" if ok else ("did not fire" if expect == "bad" else f"fired: {found[0].message}")
            results.append(ExampleResult(rule.code, expect, index, ok, detail))
    return results


def lint_example(name: str, example: dict, rules: list[Rule], lang: str = "zh") -> list:
    """Every finding of an example, as a user's run would make them. A set of reports (`reports`,
    each a base with edits; `hierarchy` as the configuration would declare it) is linted as one run:
    the findings of each report and those across them."""
    if "reports" not in example:
        return lint_bytes(name, example_bytes(example), rules, lang)
    found, reports = lint_set(name, example, rules, lang)
    return found + run_across(rules, reports, lang)


def lint_set(name: str, example: dict, rules: list[Rule], lang: str = "zh") -> tuple[list, ReportSet]:
    """The findings of each report of a set, and the set (the configuration of an example is its
    `hierarchy`; agencies and years are what the reports say)."""
    wanted = wanted_cells(rules)
    found, linted = [], []
    for i, report in enumerate(example["reports"]):
        diagnostics, facts = lint_with_facts(f"{name}-{i + 1}.md", example_bytes(report), rules, lang, wanted=wanted)
        found += diagnostics
        if facts is not None:
            linted.append(facts)
    keys = {f.path: key for f in linted if (key := identity(f)) is not None}
    hierarchy = example.get("hierarchy")
    tree = {agency_key(hierarchy["parent"]): tuple(map(agency_key, hierarchy["children"]))} if hierarchy else {}
    return found, ReportSet(linted, [], keys, tree)
