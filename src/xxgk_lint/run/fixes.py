"""Apply the fixes of a file's findings (`Diagnostic.fix`) to its bytes: the file keeps its
encoding, byte-order mark and line endings (the edits are made in its decoded text,
`checks/fixes.apply_edits`). Writing is atomic (a temp file beside it, renamed over it) and keeps
the file's permissions."""
from __future__ import annotations

import codecs
import os

from ..checks.fixes import apply_edits, fixable
from ..output.diagnostic import Diagnostic
from ..speed import Record

# (byte-order mark, codec of the text after it)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Fixed(Record):
    __slots__ = ("data", "applied")

    def __init__(self, data: bytes, applied: list[Diagnostic]) -> None:
        self.data = data  # the file's new bytes (the same bytes when nothing applied)
        self.applied = applied  # the findings whose fix was made


def apply_fixes(data: bytes, diagnostics: list[Diagnostic], unsafe: bool = False) -> Fixed:
    if not fixable(diagnostics, unsafe):
        return Fixed(data, [])
    bom, codec = _codec(data)
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return Fixed(data, [])
    new, applied = apply_edits(text, diagnostics, unsafe)
    return Fixed(bom + new.encode(codec), applied) if applied else Fixed(data, [])


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
