"""The fixes of a text's findings (`Diagnostic.fix`) made in the text, as ruff does: safe fixes with
`--fix`, unsafe ones too with `--unsafe-fixes`. Shared by the check command (`run/fixes.py`, which
adds the file's bytes: encoding, byte-order mark, atomic writing), the language server's "fix all"
and `check-rules` (a rule's fix on its examples).

A pass makes the edits of every finding whose edits meet no edit already taken and whose old text
is still there (a position whose text is not the source's, an HTML entity, is left alone), all
against the text as the findings were made on it. A suppressed finding is never fixed. At most one
unsafe fix is made per pass: each is worked out from the figures as they were (a total made the sum
of its parts), and one made can show that another total was right after all. `fix_text` lints the
text again after each pass and goes on until nothing more is fixed."""
from __future__ import annotations

import re
from collections.abc import Callable

from ..output.diagnostic import Diagnostic

_LINE_ENDS = re.compile(r"(\r\n|\r|\n)")
MAX_PASSES = 100  # as ruff's: a fix that keeps offering another (a bug) stops here


def fixable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics
            if d.fix and d.suppression is None and (unsafe or d.fix["applicability"] == "safe")]


def apply_edits(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """One pass: the text with the findings' fixes made, and the findings whose fix was made (none:
    the same text). A new line in an edit ends as the line it is made in does."""
    found = fixable(diagnostics, unsafe)
    if not found:
        return text, []
    pieces = _LINE_ENDS.split(text)  # line, end, line, end, …, line
    lines, ends = pieces[0::2], pieces[1::2] + [""]
    applied, taken, edits, unsafe_taken = [], [], [], False
    for d in sorted(found, key=lambda d: (d.fix["applicability"] != "safe", d.line, d.column)):
        if d.fix["applicability"] == "unsafe" and unsafe_taken:
            continue  # the next pass, worked out again from the figures this one leaves
        spans = [(e["line"], e["column"], e["end_column"]) for e in d.fix["edits"]]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        if not all(0 < e["line"] <= len(lines) and lines[e["line"] - 1][e["column"] - 1:e["end_column"] - 1] == e["old"]
                   for e in d.fix["edits"]):
            continue
        taken += spans
        edits += d.fix["edits"]
        applied.append(d)
        unsafe_taken |= d.fix["applicability"] == "unsafe"
    if not applied:
        return text, []
    # right to left within a line: each edit's columns are those of the text as it was
    for e in sorted(edits, key=lambda e: (e["line"], e["column"], e["end_column"]), reverse=True):
        line = lines[e["line"] - 1]
        new = e["new"].replace("\n", ends[e["line"] - 1] or "\n")
        lines[e["line"] - 1] = line[:e["column"] - 1] + new + line[e["end_column"] - 1:]
    return "".join(line + end for line, end in zip(lines, ends)), applied


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool,
             found: list[Diagnostic] | None = None) -> tuple[str, list[Diagnostic], list[Diagnostic]]:
    """The text with its fixes made, pass after pass, each on the text linted again; the findings
    whose fix was made; and the findings of the text that remains (`found`: those of `text`, when
    already known)."""
    found = lint(text) if found is None else found
    done: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        text, applied = apply_edits(text, found, unsafe)
        if not applied:
            break
        done += applied
        found = lint(text)
    return text, done, found


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and (a[1] < b[2] and b[1] < a[2] or a[1] == a[2] == b[1] == b[2])
