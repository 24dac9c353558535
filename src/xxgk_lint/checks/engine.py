"""Apply rules to reports; the one place that turns findings into diagnostics."""
from __future__ import annotations

from ..model import Finding
from ..output.diagnostic import Diagnostic
from ..pipeline.facts import Facts, Key, facts_of
from ..pipeline.report import Report, Unreadable
from ..pipeline.report import parse as parse_with
from ..pipeline.template import Template
from . import builtin
from .kinds import KINDS
from .pack import bundled_templates
from .rule import Rule
from .suppressions import INLINE_SUFFIXES, apply, inline_suppressions


def run_rules(rules: list[Rule], report: Report | Unreadable, lang: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if isinstance(report, Unreadable):
        return diagnose_builtin(rules, builtin.READABLE_INPUT, [builtin.unreadable(report.reason, report.reason_zh)],
                                report.path, lang)
    if report.doc.notes:  # a document read only in part says so, and nothing is reported missing from it
        out += diagnose_builtin(rules, builtin.PARTIAL_INPUT, [builtin.partial(*note) for note in report.doc.notes],
                                report.doc.path, lang)
        rules = [rule for rule in rules if rule.kind not in builtin.ABSENCE_KINDS]
    if not builtin.is_annual_report(report):
        # not an annual report: only the rules saying so run (P005) — none when they are not
        # selected, as an unreadable file gets nothing but P001
        rules = [rule for rule in rules if rule.kind == builtin.ANNUAL_REPORT]
    for rule in rules:
        if rule.kind in builtin.KINDS or compares_reports(rule):
            continue  # made by the run itself: after suppressions are applied, when a file fails, or
            # once every report is read (checks/across.py)
        for finding in KINDS[rule.kind].check(rule, report):
            out.append(make_diagnostic(rule, finding, report.doc.path, lang, report.doc))
    return sorted(out, key=Diagnostic.sort_key)


def parse(path: str, data: bytes, template: str | None = None, year: int | None = None,
          templates: dict[str, Template] | None = None) -> Report | Unreadable:
    """The report in `data`, judged against the bundled templates unless `templates` are given."""
    return parse_with(path, data, templates if templates is not None else bundled_templates(), template, year)


def compares_reports(rule: Rule) -> bool:
    """A rule across reports (its kind declares `check_set`): run by `checks/across.py` once every
    report is read, never on one report."""
    return hasattr(KINDS.get(rule.kind), "check_set")


def lint_bytes(path: str, data: bytes, rules: list[Rule], lang: str = "zh", template: str | None = None,
               year: int | None = None, inline: bool = True, include_suppressed: bool = False) -> list[Diagnostic]:
    """Lint one file. Inline suppression comments (Markdown, HTML) are honoured unless `inline` is
    False; suppressed findings are dropped unless `include_suppressed` (they then carry
    `suppression`)."""
    return lint_with_facts(path, data, rules, lang, template, year, inline, include_suppressed)[0]


def lint_with_facts(path: str, data: bytes, rules: list[Rule], lang: str = "zh", template: str | None = None,
                    year: int | None = None, inline: bool = True, include_suppressed: bool = False,
                    wanted: frozenset[Key] | None = None) -> tuple[list[Diagnostic], Facts | None]:
    """`lint_bytes`, and with `wanted` (the cells the rules across reports read) the report's facts
    for them (None for a file that is no readable annual report)."""
    report = parse(path, data, template, year)
    diagnostics = run_rules(rules, report, lang)
    comments: list = []
    if inline and isinstance(report, Report) and path.lower().endswith(INLINE_SUFFIXES):
        diagnostics, comments = _inline(diagnostics, report, rules, lang)
    if not include_suppressed:
        diagnostics = [d for d in diagnostics if d.suppression is None]
    facts = None
    if wanted is not None and isinstance(report, Report) and builtin.is_annual_report(report):
        kept = [(c.codes, c.first, c.last, c.reason, c.line, c.column) for c in comments]
        facts = facts_of(report, wanted, kept)
    return diagnostics, facts


def _inline(diagnostics: list[Diagnostic], report: Report, rules: list[Rule], lang: str) -> tuple[list, list]:
    """The diagnostics with the file's suppression comments applied, and the comments."""
    doc = report.doc
    source = doc.source if doc.source is not None else [line.raw for line in doc.lines]
    found = inline_suppressions(source)
    if not found:
        return diagnostics, found
    apply(diagnostics, found, [])
    if not builtin.is_annual_report(report):
        # no other rule ran on a file that is no annual report: a comment silencing nothing says nothing
        return diagnostics, found
    # a comment on a rule across reports is judged by what those rules find, after every report is
    # read: one naming such a rule, or naming none while such a rule runs, is not judged here
    enabled = {r.code for r in rules if not compares_reports(r)}
    across = len(enabled) < len(rules)
    unused = [item for item in found
              if not item.used and (not item.known or not item.codes and not across
                                    or any(c in enabled or any(e.startswith(c) for e in enabled) for c in item.codes))]
    for item, d in zip(unused, diagnose_builtin(rules, builtin.UNUSED_SUPPRESSION,
                                                [builtin.unused_inline(item) for item in unused], doc.path, lang)):
        d.source = doc.source_line(item.line)
        diagnostics.append(d)
    return sorted(diagnostics, key=Diagnostic.sort_key), found


def diagnose_builtin(rules: list[Rule], kind: str, findings: list[Finding], path: str, lang: str) -> list[Diagnostic]:
    """The diagnostics of a built-in kind's findings (none when its rule is not selected)."""
    rule = builtin.rule_of(rules, kind)
    return [make_diagnostic(rule, f, path, lang) for f in findings] if rule else []


class _Params(dict):
    """format_map source: per-language values are (zh, en) pairs; unknown names stay visible."""

    def __init__(self, params: dict, lang: str):
        super().__init__()
        for key, value in params.items():
            if isinstance(value, tuple):
                value = value[1] if lang == "en" else value[0]
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, params: dict, lang: str) -> str:
    return template.format_map(_Params(params, lang))


def make_diagnostic(rule: Rule, finding: Finding, path: str, lang: str, locate=None) -> Diagnostic:
    """`locate`, the report's Document, maps spans of the text as read to the file (HTML) and names the
    place a person finds them at in a .docx or .pdf; without it, positions are the text's own."""
    span = locate.locate_span(finding.span) if locate else finding.span
    related = []
    for r in finding.related:
        line, column = locate.locate(r.line, r.column) if locate else (r.line, r.column)
        item = {"line": line, "column": column, "message": r.message_en if lang == "en" and r.message_en else r.message}
        place = locate.where(r.line, r.column, r.end_column if r.end_line == r.line else None) if locate else None
        if place:
            item["place"] = place
        related.append(item)
    return Diagnostic(
        path, span.line, span.column, span.end_line, span.end_column, rule.code, rule.name,
        rule.severity, render(rule.template_text(lang, finding.variant), finding.params, lang),
        related, finding.logical, locate.source_line(span.line) if locate else "",
        place=locate.where(span.line, span.column, span.end_column if span.end_line == span.line else None)
        if locate else None,
        fix=_fix(rule, finding, locate),
    )


def _fix(rule: Rule, finding: Finding, doc) -> dict | None:
    """The finding's edits in the file's own positions, with the text each replaces; none where the
    file's text is not the text as read (HTML: markup or an entity inside). Checked again when applied."""
    if not rule.fix or not finding.fix or doc is None or doc.encoding in ("docx", "pdf"):
        return None  # only text is rewritten: never a document
    edits = []
    for edit in finding.fix:
        if doc.source is not None and "\n" in edit.text:
            return None  # a new line of HTML is markup: where it would go is not certain
        line = doc.line(edit.span.line)
        old = line.raw[edit.span.column - 1:edit.span.end_column - 1]
        at = doc.locate_span(edit.span)
        if at.line != at.end_line or doc.source_line(at.line)[at.column - 1:at.end_column - 1] != old:
            return None  # across lines, or the file's text there is not the text read (HTML markup, an entity)
        edits.append({"line": at.line, "column": at.column, "end_column": at.end_column, "old": old, "new": edit.text})
    return {"applicability": rule.fix, "edits": edits}

