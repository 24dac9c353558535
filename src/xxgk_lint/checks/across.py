"""Rules across reports (X001–X005): run once the run has read every report, on the `ReportSet`
the run made (`run/corpus.py`), and turned into diagnostics that may point into other files.

Per report, the engine keeps only what these rules read (`pipeline/facts.py`: `wanted_cells`), so a
run over thousands of reports holds a few dozen cells of each, not the reports.
"""
from __future__ import annotations

from ..output.diagnostic import Diagnostic
from ..pipeline.facts import Facts, Key
from .engine import compares_reports, render
from .kinds import KINDS
from .kinds._across import CrossFinding, Identity, ReportSet
from .rule import Rule
from .suppressions import Inline, apply

__all__ = ["ReportSet", "across_rules", "agency_key", "identity", "run_across", "wanted_cells", "suppress_inline"]

_NOT_IN_NAME = str.maketrans("", "", " \t\u3000《》“”\"")


def agency_key(name: str) -> str:
    """An agency's name as compared: without spaces and quotes (the text is already Simplified and half-width)."""
    return name.translate(_NOT_IN_NAME)


def identity(facts: Facts, aliases: dict[str, str] | None = None, agency: str | None = None,
             year: int | None = None) -> Identity | None:
    """(agency, year) of a report: the configured `agency` and `year` where given, else what the report
    says of itself; the agency through `aliases` (a name → the name it is known by). None when either
    is unknown: such a report is compared with none (a year guessed from the years its text
    mentions, or the report's own years in conflict, do not place it in a series; nor does a name
    without its place, 市教育局, unless the configuration names it)."""
    name = agency_key(agency or facts.agency)
    if not agency and name.startswith(_NO_PLACE) and name not in (aliases or {}):
        return None  # 市教育局, 县人民政府办公室: every city has one; the configuration can say which
    name = (aliases or {}).get(name, name)
    if year is None and facts.year_stated:
        year = facts.year
    return (name, year) if name and year else None


# the first character of an agency's name that names no place (市教育局: the city's, but which city?)
_NO_PLACE = ("市", "县", "区", "省", "州", "镇", "乡", "旗", "本")


def across_rules(rules: list[Rule]) -> list[Rule]:
    return [rule for rule in rules if compares_reports(rule)]


def wanted_cells(rules: list[Rule], hierarchy: bool = True) -> frozenset[Key]:
    """The cells the rules across reports read: what each report keeps of itself. Without a configured
    `hierarchy` no report is summed, and the cells only a sum over units reads are not kept (X003 reads
    every cell of 表三 and 表四: some 200 a report, ten times what the others read)."""
    out: set[Key] = set()
    for rule in across_rules(rules):
        kind = KINDS[rule.kind]
        wanted = getattr(kind, "wanted", None)
        sums_units = getattr(kind, "sums_units", None)
        if wanted is not None and (hierarchy or sums_units is None or not sums_units(rule)):
            out |= wanted(rule)
    return frozenset(out)


def run_across(rules: list[Rule], reports: ReportSet, lang: str) -> list[Diagnostic]:
    out = []
    for rule in across_rules(rules):
        for finding in KINDS[rule.kind].check_set(rule, reports):
            out.append(_diagnostic(rule, finding, lang))
    return sorted(out, key=Diagnostic.sort_key)


def _diagnostic(rule: Rule, finding: CrossFinding, lang: str) -> Diagnostic:
    at = finding.at
    related = []
    for pointer in finding.related:
        item = {"line": pointer.at.line, "column": pointer.at.column,
                "message": pointer.message_en if lang == "en" and pointer.message_en else pointer.message}
        if pointer.path != finding.path:
            item["path"] = pointer.path
        if pointer.at.place:
            item["place"] = pointer.at.place
        related.append(item)
    return Diagnostic(finding.path, at.line, at.column, at.end_line, at.end_column, rule.code, rule.name,
                      finding.severity or rule.severity, render(rule.template_text(lang, finding.variant),
                                                                finding.params, lang),
                      related, finding.logical, at.source, place=at.place)


def suppress_inline(diagnostics: list[Diagnostic], inline: list[tuple]) -> None:
    """Apply a file's inline suppression comments (kept in its facts) to findings made across reports."""
    if inline:
        apply(diagnostics, [Inline(*item) for item in inline], [])
