"""The fixes of a text's findings (`Diagnostic.fix`) made in the text, as ruff does: safe fixes with
`--fix`, unsafe ones too with `--unsafe-fixes`. Shared by the check command (`run/fixes.py`, which
adds the file's bytes: encoding, byte-order mark, atomic writing) and `check-rules` (a rule's fix on
its examples).

Edits are made line by line, each only where the text it replaces is still there (a position whose
text is not the source's, an HTML entity, is left alone); edits that overlap one already made wait
for the next run."""
from __future__ import annotations

import re

from ..output.diagnostic import Diagnostic

_LINE_ENDS = re.compile(r"(\r\n|\r|\n)")


def fixable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix and (unsafe or d.fix["applicability"] == "safe")]


def apply_edits(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """The text with the findings' fixes made, and the findings whose fix was made (none: the same
    text). A new line in an edit ends as the line it is made in does."""
    found = fixable(diagnostics, unsafe)
    if not found:
        return text, []
    pieces = _LINE_ENDS.split(text)  # line, end, line, end, …, line
    lines, ends = pieces[0::2], pieces[1::2] + [""]
    applied, taken = [], set()
    for d in sorted(found, key=lambda d: (d.line, d.column)):
        spans = [(e["line"], e["column"], e["end_column"]) for e in d.fix["edits"]]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        if not all(0 < e["line"] <= len(lines) and lines[e["line"] - 1][e["column"] - 1:e["end_column"] - 1] == e["old"]
                   for e in d.fix["edits"]):
            continue
        for e in sorted(d.fix["edits"], key=lambda e: -e["column"]):
            line = lines[e["line"] - 1]
            new = e["new"].replace("\n", ends[e["line"] - 1] or "\n")
            lines[e["line"] - 1] = line[:e["column"] - 1] + new + line[e["end_column"] - 1:]
        taken.update(spans)
        applied.append(d)
    if not applied:
        return text, []
    return "".join(line + end for line, end in zip(lines, ends)), applied


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
