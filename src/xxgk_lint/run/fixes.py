"""Apply the fixes of a file's findings (`Diagnostic.fix`) to its bytes: the file keeps its
encoding, byte-order mark and line endings (the edits are made in its decoded text,
`checks/fixes.fix_text`). Writing is atomic (a temp file beside the file a link points to, renamed
over it) and keeps the file's permissions and owner; a read-only file, or one with other hard links,
is not written (`NotWritten`)."""
from __future__ import annotations

import codecs
import os
from collections.abc import Callable

from ..checks.fixes import fix_text, fixable
from ..output.diagnostic import Diagnostic
from ..speed import Record

# (byte-order mark, codec of the text after it)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Fixed(Record):
    __slots__ = ("data", "applied")

    def __init__(self, data: bytes, applied: list[Diagnostic]) -> None:
        self.data = data  # the file's new bytes (the same bytes when nothing applied)
        self.applied = applied  # the findings whose fix was made


def apply_fixes(data: bytes, diagnostics: list[Diagnostic], unsafe: bool = False,
                lint: Callable[[bytes], list[Diagnostic]] | None = None) -> Fixed:
    """The file's bytes with its findings' fixes made: pass after pass, each on the bytes `lint`
    finds again (without `lint`, one pass)."""
    if not fixable(diagnostics, unsafe):
        return Fixed(data, [])
    bom, codec = _codec(data)
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return Fixed(data, [])
    relint = (lambda t: lint(bom + t.encode(codec))) if lint else (lambda t: [])
    new, applied, _ = fix_text(text, relint, unsafe, diagnostics)
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


class NotWritten(Exception):
    """A file a fix may not or cannot write (the message says why)."""


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's bytes: a temp file beside it (same folder, so the rename cannot cross file
    systems), its permissions and owner copied, renamed over it. A symbolic link is written through
    (its target is the file). A failure leaves the file as it was."""
    target = os.path.realpath(path)
    try:
        stat = os.stat(target)
    except OSError as exc:
        raise NotWritten(exc.strerror or str(exc)) from None
    if not stat.st_mode & 0o222:
        raise NotWritten("the file is read-only")
    if stat.st_nlink > 1:  # a rename would leave the other names with the old text
        raise NotWritten(f"the file has {stat.st_nlink} hard links")
    tmp = f"{target}.xxgk-fix-{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, stat.st_mode & 0o7777)
        if hasattr(os, "chown") and (stat.st_uid, stat.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, stat.st_uid, stat.st_gid)
            except OSError:
                pass  # not ours to give away: the file is then the runner's, as any editor leaves it
        os.replace(tmp, target)
    except OSError as exc:
        raise NotWritten(exc.strerror or str(exc)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def diff(path: str, before: bytes, after: bytes) -> str:
    import difflib  # only for --diff

    bom, codec = _codec(before)
    old = before[len(bom):].decode(codec, "replace").splitlines(keepends=True)
    new = after[len(bom):].decode(codec, "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
