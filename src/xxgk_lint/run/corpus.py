"""The reports of a run as a set (X001–X005): which are one agency's and of which year — what each
report says of itself, through the configuration's `aliases` and `[[overrides]]` (`agency`, `year`) —
the earlier reports of a configured `history` folder, and the agencies that sum their units'
(`[[hierarchy]]`). Findings across reports are made once every report of the run is read.
"""
from __future__ import annotations

import os
import sys

from ..checks.across import ReportSet, across_rules, agency_key, identity, run_across, suppress_inline, wanted_cells
from ..checks.suppressions import apply, code_matches, path_matches
from ..output.diagnostic import Diagnostic
from ..pipeline.facts import Facts
from .config import Settings
from .discovery import discover
from .runner import Plan, lint_all


def wanted(plan: Plan) -> frozenset | None:
    """The cells each report keeps for the run's rules across reports; None when none is selected."""
    return wanted_cells(plan.rules, bool(plan.settings.hierarchy)) if across_rules(plan.rules) else None


def aliases(settings: Settings) -> dict[str, str]:
    """Every name an agency went by → the name it is known by (`aliases`: name = [other names])."""
    out = {}
    for name, others in settings.aliases.items():
        for other in [name, *others]:
            out[agency_key(other)] = agency_key(name)
    return out


def configured(settings: Settings, path: str) -> tuple[str | None, int | None]:
    """The agency and year `[[overrides]]` give the file (the last match wins)."""
    agency, year = None, None
    for item in settings.overrides:
        if path_matches(item.files, path):
            agency = item.agency or agency
            year = item.year if item.year is not None else year
    return agency, year


def agency_of(settings: Settings, path: str, read: str) -> str:
    """The agency a report is of, as a person reads it: the one `[[overrides]]` gives the file, else
    the one its title names (`read`) under the name `aliases` knows it by."""
    configured_agency = configured(settings, path)[0]
    if configured_agency:
        return configured_agency
    known = aliases(settings).get(agency_key(read))
    return next((name for name in settings.aliases if agency_key(name) == known), read)


def report_set(linted: list[Facts], history: list[Facts], settings: Settings) -> ReportSet:
    names = aliases(settings)
    keys = {}
    for facts in linted + history:
        key = identity(facts, names, *configured(settings, facts.path))
        if key is not None:
            keys[facts.path] = key
    tree = {names.get(agency_key(h.parent), agency_key(h.parent)):
            tuple(names.get(agency_key(c), agency_key(c)) for c in h.children) for h in settings.hierarchy}
    return ReportSet(linted, history, keys, tree)


def history_files(settings: Settings, root: str) -> list[str]:
    """The report files of the configured history folders (relative to `root`, the configuration's
    folder). A folder that does not exist is said on standard error: a misspelt one must not
    silently compare nothing."""
    folders = []
    for folder in settings.history:
        path = _shown(os.path.join(root, folder))
        if os.path.isdir(path):
            folders.append(path)
        else:
            print(f"xxgk-lint: warning: the history folder {path} (history = [\"{folder}\"] in "
                  f"{settings.config_path}) does not exist: nothing is compared with it", file=sys.stderr)
    if not folders:
        return []
    return discover(folders, settings.exclude + settings.extend_exclude, False, root=root)[0]


def read_history(plan: Plan, root: str, linted: list[str], jobs: int) -> list[Facts]:
    """The facts of the reports in the configured history folders but those being linted: read for
    comparison only, never reported on."""
    seen = {os.path.realpath(path) for path in linted}
    files = [path for path in history_files(plan.settings, root) if os.path.realpath(path) not in seen]
    # no rules, so no findings; no cache: its entries are the run's findings of a file
    quiet = Plan([], plan.settings, plan.lang, plan.template, False, False, None, plan.wanted)
    return [result.facts for result in lint_all(files, quiet, jobs) if result.facts is not None]


def findings(plan: Plan, linted: list[Facts], history: list[Facts]) -> list[Diagnostic]:
    """The findings across reports but those of rules `per-file-ignores` ignores for their file, with
    the files' inline suppression comments and the configured suppressions applied (suppressed ones
    dropped unless the plan includes them)."""
    if not linted:
        return []
    reports = report_set(linted, history, plan.settings)
    _say_ambiguous_history(reports, {id(f) for f in linted})
    found = run_across(plan.rules, reports, plan.lang)
    # `per-file-ignores`: a rule ignored for a file is not run on it, across reports neither
    ignores = plan.settings.per_file_ignores.items()
    found = [d for d in found if not any(path_matches(glob, d.path) and any(code_matches(c, d) for c in codes)
                                         for glob, codes in ignores)]
    if plan.use_suppressions:
        inline = {facts.path: facts.inline for facts in linted if facts.inline}
        for path, comments in inline.items():
            suppress_inline([d for d in found if d.path == path], comments)
        apply([d for d in found if d.suppression is None], [], plan.settings.suppress)
    return found if plan.include_suppressed else [d for d in found if d.suppression is None]


def _say_ambiguous_history(reports: ReportSet, linted: set[int]) -> None:
    """Published reports of one agency and year that differ are no finding (the run reports on the
    files it lints, not on its history), but nothing is compared with them: said on standard error."""
    for (agency, year), group in reports.groups.items():
        if len(group) > 1 and not any(id(f) in linted for f in group) and reports.same(group[0]):
            print(f"xxgk-lint: warning: the history holds {len(group)} different reports of {agency} for {year} "
                  f"({', '.join(f.path for f in group)}): nothing is compared with them", file=sys.stderr)


def _shown(path: str) -> str:
    """A path as findings name it: from here when it is below here (published/2023.md), else whole."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
