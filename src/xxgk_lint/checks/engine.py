"""Apply rules to reports; the one place that turns findings into diagnostics."""
from __future__ import annotations

from ..output.diagnostic import Diagnostic
from .kinds import KINDS
from .kinds.readable_input import check_unreadable
from ..model import Finding, Span
from ..pipeline.report import Report, Unreadable, parse as parse_with
from ..pipeline.template import Template
from .pack import bundled
from .rule import Rule
from .suppressions import INLINE_SUFFIXES, apply, inline_suppressions


def run_rules(rules: list[Rule], report: Report | Unreadable, lang: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        if rule.kind in ("unused_suppression", "internal_error"):
            continue  # emitted after suppressions are applied / by the CLI when a file fails
        if isinstance(report, Unreadable):
            if rule.kind == "readable_input":
                findings = check_unreadable(rule, report.reason, report.reason_zh)
                out += [make_diagnostic(rule, f, report.path, lang) for f in findings]
            continue
        for finding in KINDS[rule.kind].check(rule, report):
            out.append(make_diagnostic(rule, finding, report.doc.path, lang, report.doc))
    return sorted(out, key=Diagnostic.sort_key)


def bundled_templates() -> dict[str, Template]:
    return bundled()[1]


def parse(path: str, data: bytes, template: str | None = None, year: int | None = None,
          templates: dict[str, Template] | None = None) -> Report | Unreadable:
    """The report in `data`, judged against the bundled templates unless `templates` are given."""
    return parse_with(path, data, templates if templates is not None else bundled_templates(), template, year)


def lint_bytes(path: str, data: bytes, rules: list[Rule], lang: str = "zh", template: str | None = None,
               year: int | None = None, inline: bool = True, include_suppressed: bool = False) -> list[Diagnostic]:
    """Lint one file. Inline suppression comments (Markdown, HTML) are honoured unless `inline` is
    False; suppressed findings are dropped unless `include_suppressed` (they then carry
    `suppression`)."""
    report = parse(path, data, template, year)
    diagnostics = run_rules(rules, report, lang)
    if inline and isinstance(report, Report) and path.lower().endswith(INLINE_SUFFIXES):
        diagnostics = _inline(diagnostics, report, rules, lang)
    if not include_suppressed:
        diagnostics = [d for d in diagnostics if d.suppression is None]
    return diagnostics


def _inline(diagnostics: list[Diagnostic], report: Report, rules: list[Rule], lang: str) -> list[Diagnostic]:
    doc = report.doc
    source = doc.source if doc.source is not None else [line.raw for line in doc.lines]
    found = inline_suppressions(source)
    if not found:
        return diagnostics
    apply(diagnostics, found, [])
    unused_rule = next((r for r in rules if r.kind == "unused_suppression"), None)
    if unused_rule is None:
        return diagnostics
    enabled = {r.code for r in rules}
    for item in found:
        if item.used or (item.codes and not any(c in enabled or any(e.startswith(c) for e in enabled)
                                                for c in item.codes)):
            continue
        finding = Finding(Span.at(item.line, item.column, 4),
                          {"code": ",".join(item.codes) or "*",
                           "where": (f"第 {item.line} 行的注释", f"comment on line {item.line}")},
                          logical=f"suppression/{','.join(item.codes)}", variant="" if item.reason else "no-reason")
        diagnostics.append(make_diagnostic(unused_rule, finding, doc.path, lang, None))
        diagnostics[-1].source = doc.source_line(item.line)
    return sorted(diagnostics, key=Diagnostic.sort_key)


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
    """`locate` maps spans of the text as read to the file (HTML); identity when None."""
    span = locate.locate_span(finding.span) if locate else finding.span
    related = []
    for r in finding.related:
        line, column = locate.locate(r.line, r.column) if locate else (r.line, r.column)
        related.append({"line": line, "column": column,
                        "message": r.message_en if lang == "en" and r.message_en else r.message})
    return Diagnostic(
        path, span.line, span.column, span.end_line, span.end_column, rule.code, rule.name,
        rule.severity, render(rule.template_text(lang, finding.variant), finding.params, lang),
        related, finding.logical, locate.source_line(span.line) if locate else "",
    )
