"""Apply rules to reports; the one place that turns findings into diagnostics."""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostic import Diagnostic, make_diagnostic
from .kinds import KINDS
from .kinds.readable_input import check_unreadable
from .report import Report, Unreadable, parse
from .rule import Rule


@dataclass
class Selection:
    select: list[str] = field(default_factory=list)  # codes, prefixes or names; empty: all
    ignore: list[str] = field(default_factory=list)

    def enabled(self, rule: Rule) -> bool:
        def hit(patterns):
            return any(rule.code.startswith(p) or rule.name == p for p in patterns)

        return (not self.select or hit(self.select)) and not hit(self.ignore)


def run_rules(rules: list[Rule], report: Report | Unreadable, lang: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        if isinstance(report, Unreadable):
            if rule.kind == "readable_input":
                findings = check_unreadable(rule, report.reason, report.reason_zh)
                out += [make_diagnostic(rule, f, report.path, lang) for f in findings]
            continue
        for finding in KINDS[rule.kind].check(rule, report):
            out.append(make_diagnostic(rule, finding, report.doc.path, lang, report.doc))
    return sorted(out, key=Diagnostic.sort_key)


def lint_bytes(path: str, data: bytes, rules: list[Rule], lang: str = "zh",
               template: str | None = None) -> list[Diagnostic]:
    return run_rules(rules, parse(path, data, template), lang)
