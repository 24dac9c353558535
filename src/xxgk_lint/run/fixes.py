"""Apply the fixes of a file's findings (`Diagnostic.fix`) to its bytes, as ruff does: safe fixes
with `--fix`, unsafe ones too with `--unsafe-fixes`.

The file keeps its encoding, byte-order mark and line endings: edits are made in the decoded text
line by line, each only where the text it replaces is still there (a position whose text is not the
source's, an HTML entity, is left alone), and edits that overlap one already made wait for the next
run. Writing is atomic (a temp file beside it, renamed over it) and keeps the file's permissions.
"""
from __future__ import annotations

import codecs
import os
import re

from ..output.diagnostic import Diagnostic
from ..speed import Record

_LINE_ENDS = re.compile(r"(\r\n|\r|\n)")
# (byte-order mark, codec of the text after it)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Fixed(Record):
    __slots__ = ("data", "applied")

    def __init__(self, data: bytes, applied: list[Diagnostic]) -> None:
        self.data = data  # the file's new bytes (the same bytes when nothing applied)
        self.applied = applied  # the findings whose fix was made


def fixable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix and (unsafe or d.fix["applicability"] == "safe")]


def apply_fixes(data: bytes, diagnostics: list[Diagnostic], unsafe: bool = False) -> Fixed:
    found = fixable(diagnostics, unsafe)
    if not found:
        return Fixed(data, [])
    bom, codec = _codec(data)
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return Fixed(data, [])
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
            new = e["new"].replace("\n", ends[e["line"] - 1] or "\n")  # a new line ends as the file's lines do
            lines[e["line"] - 1] = line[:e["column"] - 1] + new + line[e["end_column"] - 1:]
        taken.update(spans)
        applied.append(d)
    if not applied:
        return Fixed(data, [])
    new = "".join(line + end for line, end in zip(lines, ends))
    return Fixed(bom + new.encode(codec), applied)


def _codec(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark and the codec of the text after it, as the linter read it (pipeline/decode.py)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    try:
        data.decode("utf-8")
        return b"", "utf-8"
    except UnicodeDecodeError:
        return b"", "gb18030"


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's bytes: a temp file beside it (same folder, so the rename cannot cross file
    systems), its permissions copied, renamed over it. A failure leaves the file as it was."""
    tmp = f"{path}.xxgk-fix-{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def diff(path: str, before: bytes, after: bytes) -> str:
    import difflib  # only for --diff

    bom, codec = _codec(before)
    old = before[len(bom):].decode(codec, "replace").splitlines(keepends=True)
    new = after[len(bom):].decode(codec, "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
