"""The check-rules command: validate rule files against the schemas, run every rule's good and bad
examples, and a rule's fix on its bad examples."""
from __future__ import annotations

import sys

from ..checks.builtin import WITHOUT_BAD_EXAMPLE
from ..checks.examples import run_examples, run_fixes
from ..checks.rule import Rule
from ..checks.rulefile import rule_files
from ..checks.ruleset import RuleSetError, load_rules, load_user_rule_file, resolve_references
from .argparsing import Parser
from .errors import EXIT_CLEAN, EXIT_ERROR


def check_rules(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint check-rules", description="validate rule files and run their examples")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    args = parser.parse_args(argv)
    try:
        everything = load_rules(args.paths)  # the bundled rules, replaced by these where codes agree
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_ERROR
    # every rule of every file named, in order, each run with the others as a user runs it (two files
    # may give one code: load_rules keeps the last, and each is checked here)
    checked = [rule for raw in args.paths for file in rule_files(raw) or [] for rule in load_user_rule_file(file)]
    problems: list[str] = []
    examples = fixes = 0
    for item in checked:
        beside = {**{r.code: r for r in everything}, item.code: item}
        resolve_references(beside)
        problems += _missing_examples(item)
        rules = sorted(beside.values(), key=lambda r: r.code)
        results = run_examples(item, rules)
        examples += len(results)
        mended = run_fixes(item, rules)
        fixes += sum(r.index >= 0 for r in mended)
        problems += [_problem(item, r) for r in results if not r.ok]
        problems += [_problem(item, r, "fix: ") for r in mended if not r.ok]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(checked)} rules, {examples} examples, {fixes} fixes: "
          + ("ok" if not problems else f"{len(problems)} problem(s)"))
    return EXIT_ERROR if problems else EXIT_CLEAN


def _missing_examples(item: Rule) -> list[str]:
    needs_bad = item.kind not in WITHOUT_BAD_EXAMPLE
    if (needs_bad and not item.examples.get("bad")) or not item.examples.get("good"):
        return [f"{item.source}:1:1: error: {item.code} needs at least one good and one bad example"]
    return []


def _problem(item: Rule, result, about: str = "") -> str:
    example = f"{result.expect} example {result.index + 1}: " if result.index >= 0 else ""
    return f"{item.source}:1:1: error: {item.code} {example}{about}{result.detail}"
