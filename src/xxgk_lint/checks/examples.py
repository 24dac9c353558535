"""Run a rule's good and bad examples (rules/examples/BASE.md with edits) — used by the tests
and by `check-rules`: a bad example must make the rule fire, a good one must not."""
from __future__ import annotations

from ..resources import data_dir
from ..speed import Record
from .engine import lint_bytes
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
                data = example_bytes(example)
            except ValueError as exc:
                results.append(ExampleResult(rule.code, expect, index, False, str(exc)))
                continue
            name = f"{rule.code}-{expect}-example-{index + 1}" + ("" if "bytes" in example else ".md")
            found = [d for d in lint_bytes(name, data, rules)
                     if d.code == rule.code]
            ok = bool(found) if expect == "bad" else not found
            detail = "" if ok else ("did not fire" if expect == "bad" else f"fired: {found[0].message}")
            results.append(ExampleResult(rule.code, expect, index, ok, detail))
    return results
