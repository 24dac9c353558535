"""What the kinds that compare reports share: their findings, which point into more than one file,
and the set of reports they read (`ReportSet`, made by the run: which reports are one agency's, of
which year, and which sum which).

A kind of this sort declares `check_set(rule, reports)` instead of `check(rule, report)`; the engine
runs it once, after every report of the run is read (`checks/across.py`).
"""
from __future__ import annotations

from ...pipeline.facts import Facts, Located
from ...speed import Record

Identity = tuple[str, int]  # (agency, year)


class Pointer(Record):
    """A related location, perhaps in another report."""

    __slots__ = ("path", "at", "message", "message_en")

    def __init__(self, path: str, at: Located, message: str, message_en: str) -> None:
        self.path = path
        self.at = at
        self.message = message
        self.message_en = message_en


class CrossFinding(Record):
    """A finding of a kind that compares reports: at a place of one report (`path`, `at`), with
    related places in it or in others. `severity` overrides the rule's (a relation that cannot be
    assessed is said as information, not as a mismatch)."""

    __slots__ = ("path", "at", "params", "related", "logical", "variant", "severity")

    def __init__(self, path: str, at: Located, params: dict, related: list[Pointer] | None = None,
                 logical: str = "", variant: str = "", severity: str = "") -> None:
        self.path = path
        self.at = at
        self.params = params
        self.related = [] if related is None else related
        self.logical = logical
        self.variant = variant
        self.severity = severity


class ReportSet:
    """The reports of a run, by agency and year. `linted`: the reports the run reports on (findings
    are made only at them); `history`: earlier reports read only to compare with (a configured
    folder of published reports). A history report of the same agency and year as a linted one is
    that report's earlier version: the linted one stands for both."""

    def __init__(self, linted: list[Facts], history: list[Facts], keys: dict[str, Identity],
                 hierarchy: dict[str, tuple[str, ...]] | None = None) -> None:
        self.linted = linted
        self.keys = keys  # path → (agency, year), for the reports whose agency and year are known
        self.hierarchy = {} if hierarchy is None else hierarchy  # parent agency → its units' agencies
        self.groups: dict[Identity, list[Facts]] = {}
        for facts in linted:
            key = keys.get(facts.path)
            if key is not None:
                self.groups.setdefault(key, []).append(facts)
        own = {id(facts) for facts in linted}  # by identity: a Record's == compares every field
        for facts in history:
            key = keys.get(facts.path)
            if key is not None and not any(id(f) in own for f in self.groups.get(key, ())):
                self.groups.setdefault(key, []).append(facts)

    def identity(self, facts: Facts) -> Identity | None:
        return self.keys.get(facts.path)

    def same(self, facts: Facts) -> list[Facts]:
        """The other reports of the same agency and year that say something else: a copy of the
        report in another format (its .pdf beside its .html), every figure the same, is the report."""
        key = self.identity(facts)
        if key is None:
            return []
        return [f for f in self.groups[key] if f is not facts and _figures(f) != _figures(facts)]

    def one(self, agency: str, year: int) -> Facts | None:
        """The report of `agency` on `year`; None when there is none, or more than one that differ
        (two reports of one year are a finding of their own, not a guess at which one counts)."""
        group = self.groups.get((agency, year), [])
        return group[0] if group and all(_figures(f) == _figures(group[0]) for f in group[1:]) else None

    def previous(self, facts: Facts) -> Facts | None:
        key = self.identity(facts)
        if key is None or self.same(facts):
            return None
        return self.one(key[0], key[1] - 1)

    def children(self, facts: Facts) -> tuple[list[Facts], list[str]] | None:
        """The units' reports of the same year and the units without one; None when the report's
        agency is not declared to sum its units'."""
        key = self.identity(facts)
        if key is None or key[0] not in self.hierarchy or self.same(facts):
            return None
        found, missing = [], []
        for child in self.hierarchy[key[0]]:
            report = self.one(child, key[1])
            if report is None:
                missing.append(child)
            else:
                found.append(report)
        return found, missing


def _figures(facts: Facts) -> dict:
    return {key: cell.number for key, cell in facts.cells.items()}
