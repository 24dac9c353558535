"""The commands about the rules themselves: list them, show one, write their documentation."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..checks.docs import as_markdown, as_text, index_markdown
from ..checks.rule import Rule
from ..checks.ruleset import RuleSetError, load_rules
from .argparsing import Parser
from .errors import EXIT_CLEAN, EXIT_ERROR, UsageError


def rules(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint rules", description="list the rules")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH")
    args = parser.parse_args(argv)
    loaded = _load(args.rules)
    if loaded is None:
        return EXIT_ERROR
    if args.format == "json":
        listed = [{"code": r.code, "name": r.name, "severity": r.severity, "kind": r.kind,
                   "what": r.docs.get("what", "")} for r in loaded]
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
    else:
        for r in loaded:
            print(f"{r.code}  {r.name:<28} {r.severity:<8} {r.kind}")
    return EXIT_CLEAN


def rule(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint rule", description="show a rule's documentation")
    parser.add_argument("code", help="a code (N001) or name (blank-cell)")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH")
    args = parser.parse_args(argv)
    loaded = _load(args.rules)
    if loaded is None:
        return EXIT_ERROR
    found = next((r for r in loaded if args.code.upper() == r.code or args.code == r.name), None)
    if found is None:
        raise UsageError(f"no rule {args.code!r} (see: xxgk-lint rules)")
    sys.stdout.write(as_text(found))
    return EXIT_CLEAN


def generate_docs(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint generate-docs", description="write docs/rules/*.md from the rule YAML")
    parser.add_argument("directory")
    args = parser.parse_args(argv)
    out = Path(args.directory)
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_rules([])
    for r in loaded:
        (out / f"{r.code}-{r.name}.md").write_text(as_markdown(r), "utf-8")
    (out / "index.md").write_text(index_markdown(loaded), "utf-8")
    print(f"wrote {len(loaded) + 1} pages to {out}")
    return EXIT_CLEAN


def _load(extra: list[str]) -> list[Rule] | None:
    """The bundled rules and these rule files, or None after saying what is wrong with them."""
    try:
        return load_rules(extra)
    except RuleSetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None
