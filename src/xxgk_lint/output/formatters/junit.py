"""JUnit XML for CI test-report views: one <testsuite> per linted file, one failing <testcase> per finding.

Errors and warnings are failures; info findings are not test results and are left out; a suppressed
finding is a <skipped> test case. An error notification (e.g. a file that could not be read) is an
<error> test case, so such a file never looks like a passing one; warning notifications are not, as
the CLI also reports unreadable input as the finding P001. A file with no failures or errors gets one
passing test case.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..diagnostic import place_note, related_at

if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from . import RunContext

# XML 1.0 cannot carry most control characters, even escaped; ElementTree would write them raw.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(diagnostics: list[Diagnostic], context: RunContext) -> str:
    errors = [n for n in context.notifications if n.level == "error"]
    paths = list(dict.fromkeys([*context.files, *(d.path for d in diagnostics), *(n.path for n in errors)]))
    cases: dict[str, list[ET.Element]] = {path: [] for path in paths}
    counts = {path: {"failures": 0, "errors": 0, "skipped": 0} for path in paths}
    for d in diagnostics:
        if d.severity not in ("error", "warning"):
            continue
        case = _case(f"{d.code} {d.line}:{d.column}", d.path)
        note = place_note(d.place, context.lang)
        details = "\n".join([f"{d.path}:{d.line}:{d.column}: {d.code} {d.name} ({d.severity})", d.message + note,
                             *(f"  {related_at(r)}: {r['message']}{place_note(r.get('place'), context.lang)}"
                               for r in d.related)])
        if d.suppression is not None:
            ET.SubElement(case, "skipped", message=_clean(d.suppression.get("justification") or d.suppression["kind"]))
            counts[d.path]["skipped"] += 1
        else:
            failure = ET.SubElement(case, "failure", message=_clean(d.message + note), type=d.code)
            failure.text = _clean(details)
            counts[d.path]["failures"] += 1
        cases[d.path].append(case)
    for n in errors:
        case = _case(f"xxgk-lint {n.line}:{n.column}", n.path)
        ET.SubElement(case, "error", message=_clean(n.message), type=n.level).text = _clean(n.message)
        counts[n.path]["errors"] += 1
        cases[n.path].append(case)

    root = ET.Element("testsuites", name="xxgk-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in paths:
        found = cases[path]
        if not any(case.find("failure") is not None or case.find("error") is not None for case in found):
            found.append(_case("xxgk-lint", path))  # the file was checked and passed
        suite_counts = {"tests": len(found), **counts[path]}
        suite = ET.SubElement(root, "testsuite", name=_clean(path),
                              **{key: str(value) for key, value in suite_counts.items()})
        suite.extend(found)
        for key, value in suite_counts.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(name: str, path: str) -> ET.Element:
    return ET.Element("testcase", name=_clean(name), classname=_clean(path))
