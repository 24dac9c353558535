"""The audit's CSV files, for Excel and WPS: UTF-8 with a BOM, one header line, written to
`<file>.tmp` and put in place only when all is written (`commit`), or removed (`discard`).

Reports are untrusted: a text cell that a spreadsheet would take for a formula (=, +, -, @ first) is
written after an apostrophe, as spreadsheets themselves do to show such text."""
from __future__ import annotations

import csv
import os

from ..diagnostic import describe_place
from .strings import AREAS, FIGURES, ITEMS

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def number(value) -> str:
    """A number as the page and the CSV files write it: 3, 12.5; "" for none."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{round(value, 4):f}".rstrip("0").rstrip(".")
    return str(value)


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


class CsvFile:
    """One CSV file written atomically."""

    def __init__(self, path: str, header: list[str]) -> None:
        self.path = path
        self.tmp = path + ".tmp"
        self.handle = open(self.tmp, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.writer.writerow(header)

    def write(self, row: list) -> None:
        self.writer.writerow([_safe(value) for value in row])

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.close()

    def commit(self) -> None:
        self.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.close()
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass


def findings_header(w: dict) -> list[str]:
    return [w["col.path"], w["col.line"], w["col.column"], w["col.code"], w["col.name"], w["col.severity"],
            w["col.area"], w["col.message"], w["col.quote"], w["col.place"], w["col.related"], w["col.suppressed"]]


def finding_row(d, lang: str) -> list:
    """A finding as a row of the findings CSV: where, what, the quoted text (the document's text at
    the place, else the line) and the place in words (.docx, .pdf)."""
    place = d.place or {}
    related = "; ".join(
        f"{r.get('path', d.path)}:{r.get('line', '')}:{r.get('column', '')} {r.get('message', '')}"
        + (f" ({describe_place(r['place'], lang)})" if r.get("place") else "") for r in d.related)
    suppressed = (d.suppression or {}).get("kind", "")
    return [d.path, d.line, d.column, d.code, d.name, d.severity, d.code[:1], d.message,
            place.get("quote", d.source), describe_place(d.place, lang), related, suppressed]


def figures_header(w: dict) -> list[str]:
    return [w["col.index"], w["col.path"], w["col.agency"], w["col.year"], w["col.template"],
            *(w[f"fig.{name}"] for name in FIGURES)]


def figures_row(index: int, entry) -> list:
    return [index, entry.path, entry.agency, number(entry.year), entry.template,
            *(number(entry.figures.get(name)) for name in FIGURES)]


def reports_header(w: dict) -> list[str]:
    return [w["col.index"], w["col.path"], w["col.agency"], w["col.year"], w["col.template"], w["col.score"],
            w["col.errors"], w["col.warnings"], w["col.findings"], *(w[f"area.long.{a}"] for a in AREAS),
            *(w[f"item.{item}"] for item in ITEMS)]


def reports_row(index: int, report, w: dict) -> list:
    """A report's line of the scorecard (`report`: the audit's summary of it, scored)."""
    return [index, report.path, report.agency, number(report.year), report.template, number(report.score),
            report.errors, report.warnings, report.total, *(report.areas.get(a, 0) for a in AREAS),
            *(w[f"status.{report.items[item]}"] for item in ITEMS)]
