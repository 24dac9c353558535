"""What the audit keeps of the corpus: one small `Summary` per report (no findings), the findings
counted by code, and what the page works out of them: scores, agencies over the years, jumps."""
from __future__ import annotations

from ...speed import Record
from .strings import AREAS, JUMPS


class Summary(Record):
    """One report, as the scorecard shows it. `counts` grows when findings across reports (X001–X005)
    name it; the rest is worked out by `score`."""

    __slots__ = ("index", "path", "agency", "year", "template", "items", "figures", "counts",
                 "score", "errors", "warnings", "total", "areas")

    def __init__(self, index: int, entry) -> None:
        self.index = index  # 1-based, the order reports were added: anchors r<index>, f<index>
        self.path = entry.path
        self.agency = entry.agency
        self.year = entry.year
        self.template = entry.template
        self.items = entry.items
        self.figures = entry.figures
        self.counts = dict(entry.counts)
        self.score = 0.0
        self.errors = self.warnings = self.total = 0
        self.areas: dict[str, int] = {}

    def count(self, code: str, severity: str) -> None:
        self.counts[(code, severity)] = self.counts.get((code, severity), 0) + 1

    def settle(self, rubric) -> None:
        """The score and the counts by severity and area, from `counts`."""
        self.score = rubric.score(self.counts, self.items)
        self.errors = sum(n for (_, severity), n in self.counts.items() if severity == "error")
        self.warnings = sum(n for (_, severity), n in self.counts.items() if severity == "warning")
        self.total = sum(self.counts.values())
        areas: dict[str, int] = {}
        for (code, _), n in self.counts.items():
            areas[code[:1]] = areas.get(code[:1], 0) + n
        self.areas = areas


def area_of(code: str) -> str:
    """The area of a code: its letter when it is one of AREAS, else "" (user rules of other letters)."""
    return code[:1] if code[:1] in AREAS else ""


class Agency(Record):
    """An agency with two or more reports: one report per year (the first added), in year order."""

    __slots__ = ("name", "reports", "years", "extra", "x_codes")

    def __init__(self, name: str, reports: list[Summary], extra: int) -> None:
        self.name = name
        self.reports = reports
        self.years = [r.year for r in reports]
        self.extra = extra  # reports of a year already shown, or without a year
        self.x_codes: dict[str, list[int]] = {}  # findings across years (X…) by code: [count, first report]

    def series(self, figure: str) -> list:
        return [r.figures.get(figure) for r in self.reports]


class Jump(Record):
    """A key figure that changed at least `factor` times against the agency's previous report."""

    __slots__ = ("agency", "figure", "before", "after")

    def __init__(self, agency: str, figure: str, before: Summary, after: Summary) -> None:
        self.agency = agency
        self.figure = figure
        self.before = before
        self.after = after

    @property
    def ratio(self) -> float:
        return self.after.figures[self.figure] / self.before.figures[self.figure]


def agencies(reports: list[Summary]) -> tuple[list[Agency], int, int]:
    """The agencies with reports of two or more years (by name, in name order); how many agencies have
    one report only; how many reports name no agency."""
    groups: dict[str, list[Summary]] = {}
    unnamed = 0
    for report in reports:
        if report.agency:
            groups.setdefault(report.agency, []).append(report)
        else:
            unnamed += 1
    out, single = [], 0
    for name in sorted(groups):
        by_year: dict[int, Summary] = {}
        for report in groups[name]:
            if report.year is not None and report.year not in by_year:
                by_year[report.year] = report
        if len(by_year) < 2:
            single += 1
            continue
        chosen = [by_year[year] for year in sorted(by_year)]
        agency = Agency(name, chosen, len(groups[name]) - len(chosen))
        for report in groups[name]:
            for (code, _), n in report.counts.items():
                if code.startswith("X"):
                    agency.x_codes.setdefault(code, [0, report.index])[0] += n
        out.append(agency)
    return out, single, unnamed


def jumps(groups: list[Agency], factor: float, floor: float) -> list[Jump]:
    """Each key figure (JUMPS) at least `factor` times, or at most 1/`factor` of, the same agency's
    previous report, both at least `floor`."""
    out = []
    for agency in groups:
        for before, after in zip(agency.reports, agency.reports[1:]):
            for figure in JUMPS:
                a, b = before.figures.get(figure), after.figures.get(figure)
                if a is None or b is None or a < floor or b < floor:
                    continue
                if b >= a * factor or b * factor <= a:
                    out.append(Jump(agency.name, figure, before, after))
    return out


class Shown(Record):
    """A finding the page lists (at most the audit's limit per code): what it says and where, as text."""

    __slots__ = ("report", "path", "line", "column", "code", "name", "severity", "message", "quote", "place",
                 "related")

    def __init__(self, report: int, path: str, line: int, column: int, code: str, name: str, severity: str,
                 message: str, quote: str, place: str, related: list[tuple]) -> None:
        self.report = report  # the index of its report, 0 when no report of the scorecard has its path
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.quote = quote  # the document's text at the place, else the file's line (shortened)
        self.place = place  # the place in words (.docx, .pdf), without the quote
        self.related = related  # (path, line, column, message, place in words)
