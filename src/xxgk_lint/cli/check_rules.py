"""The check-rules command: validate rule files against the schemas and run every rule's good and bad
examples."""
from __future__ import annotations

import sys

from ..checks.builtin import WITHOUT_BAD_EXAMPLE
from ..checks.examples import run_examples
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
    examples = 0
    for item in checked:
        beside = {**{r.code: r for r in everything}, item.code: item}
        resolve_references(beside)
        problems += _missing_examples(item)
        results = run_examples(item, sorted(beside.values(), key=lambda r: r.code))
        examples += len(results)
        problems += [f"{item.source}:1:1: error: {item.code} {r.expect} example {r.index + 1}: {r.detail}"
                     for r in results if not r.ok]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(checked)} rules, {examples} examples: " + ("ok" if not problems else f"{len(problems)} problem(s)"))
    return EXIT_ERROR if problems else EXIT_CLEAN


def _missing_examples(item: Rule) -> list[str]:
    needs_bad = item.kind not in WITHOUT_BAD_EXAMPLE
    if (needs_bad and not item.examples.get("bad")) or not item.examples.get("good"):
        return [f"{item.source}:1:1: error: {item.code} needs at least one good and one bad example"]
    return []
