"""`Audit`: a corpus of linted reports in, the audit page and its CSV files out.

    audit = Audit(folder, stem, load_rubric(path), lang="zh", per_code_limit=200)
    for ...: audit.add(make_entry(path, agency, year, template, cells, diagnostics))
    audit.add_findings(cross_report_diagnostics)   # X001–X005, after all reports
    html_path = audit.finish()                    # or audit.abort() on a failure

Memory stays flat in the number of reports but for one `Summary` each: findings go to the findings
CSV as they come, and the page keeps at most `per_code_limit` of each code (as text)."""
from __future__ import annotations

import os

from ..diagnostic import describe_place
from .corpus import Shown, Summary
from .page import render
from .strings import words
from .tables import (
    CsvFile,
    figures_header,
    figures_row,
    finding_row,
    findings_header,
    reports_header,
    reports_row,
)

QUOTE_KEPT = 400  # characters of a quoted line kept for the page


class Audit:
    def __init__(self, folder: str | os.PathLike, stem: str, rubric, lang: str = "zh",
                 per_code_limit: int = 200) -> None:
        folder = os.fspath(folder)
        os.makedirs(folder, exist_ok=True)
        self.lang = "en" if lang == "en" else "zh"
        self.rubric = rubric
        self.per_code_limit = max(0, per_code_limit)
        self.html_path = os.path.join(folder, stem + ".html")
        self.names = {kind: f"{stem}-{kind}.csv" for kind in ("reports", "findings", "figures")}
        w = words(self.lang)
        self._files: list[CsvFile] = []
        try:
            self._findings = self._open(os.path.join(folder, self.names["findings"]), findings_header(w))
            self._figures = self._open(os.path.join(folder, self.names["figures"]), figures_header(w))
            self._reports = self._open(os.path.join(folder, self.names["reports"]), reports_header(w))
        except BaseException:
            self.abort()
            raise
        self.summaries: list[Summary] = []
        self._by_path: dict[str, Summary] = {}
        self.code_counts: dict[str, int] = {}  # every finding not suppressed, by code
        self.code_names: dict[str, str] = {}
        self.shown: list[Shown] = []  # the findings the page lists
        self._shown_per_code: dict[str, int] = {}
        self._done = self._aborted = False

    def _open(self, path: str, header: list[str]) -> CsvFile:
        handle = CsvFile(path, header)
        self._files.append(handle)
        return handle

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.abort()

    def add(self, entry) -> None:
        """One report (an `Entry`), in order; its findings are written now and not kept."""
        summary = Summary(len(self.summaries) + 1, entry)
        self.summaries.append(summary)
        self._by_path.setdefault(entry.path, summary)
        self._figures.write(figures_row(summary.index, entry))
        for d in entry.diagnostics:
            self._finding(d, summary)

    def add_findings(self, diagnostics) -> None:
        """Findings across reports (X001–X005), each naming its report by `path`: counted in that
        report's row and score."""
        for d in diagnostics:
            summary = self._by_path.get(d.path)
            if summary is not None and d.suppression is None:
                summary.count(d.code, d.severity)
            self._finding(d, summary)

    def _finding(self, d, summary: Summary | None) -> None:
        self._findings.write(finding_row(d, self.lang))
        if d.suppression is not None:
            return
        self.code_counts[d.code] = self.code_counts.get(d.code, 0) + 1
        self.code_names.setdefault(d.code, d.name)
        if self._shown_per_code.get(d.code, 0) >= self.per_code_limit:
            return
        self._shown_per_code[d.code] = self._shown_per_code.get(d.code, 0) + 1
        self.shown.append(_shown(d, summary.index if summary else 0, self.lang))

    def finish(self) -> str:
        """Score the reports, write the scorecard CSV and the page, put every file in place; the
        page's path."""
        if self._aborted:
            raise RuntimeError("the audit was aborted: nothing was written")
        if self._done:
            return self.html_path
        try:
            w = words(self.lang)
            for summary in self.summaries:
                summary.settle(self.rubric)
                self._reports.write(reports_row(summary.index, summary, w))
            tmp = self.html_path + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(render(self))
            for handle in self._files:
                handle.commit()
            os.replace(tmp, self.html_path)
        except BaseException:
            self.abort()
            raise
        self._done = True
        return self.html_path

    def abort(self) -> None:
        """Remove whatever was written: nothing half-written stays."""
        for handle in self._files:
            handle.discard()
        try:
            os.unlink(self.html_path + ".tmp")
        except FileNotFoundError:
            pass
        self._aborted = True


def _shown(d, report: int, lang: str) -> Shown:
    place = {k: v for k, v in d.place.items() if k != "quote"} if d.place else None
    quote = (d.place or {}).get("quote") or d.source or ""
    related = [(r.get("path", d.path), r.get("line", ""), r.get("column", ""), r.get("message", ""),
                describe_place(r.get("place"), lang)) for r in d.related]
    return Shown(report, d.path, d.line, d.column, d.code, d.name, d.severity, d.message, quote[:QUOTE_KEPT],
                 describe_place(place, lang), related)
