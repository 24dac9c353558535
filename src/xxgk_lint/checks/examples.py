"""Run a rule's good and bad examples (rules/examples/BASE.md with edits) — used by the tests
and by `check-rules`: a bad example must make the rule fire, a good one must not; and a rule with a
fix must mend its bad examples (`run_fixes`)."""
from __future__ import annotations

from ..resources import data_dir
from ..speed import Record
from .across import ReportSet, agency_key, identity, run_across, wanted_cells
from .engine import lint_bytes, lint_with_facts
from .fixes import fix_text
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
    return _edited(text, example.get("replace", []), f"base {example['base']}").encode("utf-8")


def _edited(text: str, edits: list, where: str) -> str:
    for old, new in edits:
        if old not in text:
            raise ValueError(f"example edit does not apply: {old[:40]!r} is not in {where}")
        text = text.replace(old, new, 1)
    return text


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


def run_fixes(rule: Rule, rules: list[Rule]) -> list[ExampleResult]:
    """A rule's fix on its bad examples, as `--fix --unsafe-fixes` makes it (this rule's fixes only,
    pass after pass):
    it gives the text the example's `fixed` edits say (where it says), fixing twice is fixing once,
    and it makes no finding the example did not have. A rule that declares a fix mends at least one
    bad example (a result with index -1 says it does not)."""
    results, mended = [], 0
    for index, example in enumerate(rule.examples.get("bad", [])):
        if "reports" in example or "bytes" in example:
            continue  # sets of reports and raw bytes: no rule with a fix takes them
        name = f"{rule.code}-bad-example-{index + 1}.md"
        try:
            text = example_bytes(example).decode("utf-8")
        except ValueError:
            continue  # its edits do not apply: `run_examples` says so
        try:
            wanted = _edited(text, example["fixed"], "the example") if "fixed" in example else None
        except ValueError as exc:
            results.append(ExampleResult(rule.code, "bad", index, False, f"`fixed`: {exc}"))
            continue
        before = lint_bytes(name, text.encode("utf-8"), rules)
        own = lambda t: [d for d in lint_bytes(name, t.encode("utf-8"), rules) if d.code == rule.code]  # noqa: E731
        once, applied, _ = fix_text(text, own, True, [d for d in before if d.code == rule.code])
        if not applied:
            if wanted is not None:
                results.append(ExampleResult(rule.code, "bad", index, False, "has `fixed`, but the rule fixes nothing here"))
            continue
        mended += 1
        after = lint_bytes(name, once.encode("utf-8"), rules)
        results.append(ExampleResult(rule.code, "bad", index, *_judge_fix(rule, once, wanted, before, after)))
    results += [ExampleResult(rule.code, "good", index, False, "a good example has nothing to fix: drop `fixed`")
                for index, example in enumerate(rule.examples.get("good", [])) if "fixed" in example]
    if rule.fix and not mended:
        results.append(ExampleResult(rule.code, "bad", -1, False, f"declares `fix: {rule.fix}`, but no bad example is fixed"))
    return results


def _judge_fix(rule: Rule, once: str, wanted: str | None, before: list, after: list) -> tuple[bool, str]:
    if wanted is not None and once != wanted:
        got, expected = next(((g, w) for g, w in zip(once.splitlines(), wanted.splitlines()) if g != w),
                             (once[-60:], wanted[-60:]))
        return False, f"the fix gives 「{got[:80]}」 where `fixed` says 「{expected[:80]}」"
    if any(d.code == rule.code and d.fix for d in after):
        return False, "fixing twice is not fixing once: the fixed text still has a fix of this rule"
    had = {(d.code, d.message) for d in before}
    new = [d for d in after if (d.code, d.message) not in had and d.code != rule.code]
    if new:
        return False, f"the fix makes a new finding: {new[0].code} {new[0].message}"
    return True, ""
