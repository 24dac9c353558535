"""Suppressions: out of band (config entries naming file, code, logical location and a reason) and,
in Markdown and HTML, inline comments `<!-- xxgk-lint: disable CODE -- reason -->` … `enable`,
`disable-next-line`, `disable-line` (at the end of the line: a comment line would end a Markdown table). Like a configured one, an inline suppression needs its reason (`-- 理由`);
without one it silences nothing. A suppression that silences nothing is itself reported (P003)."""
from __future__ import annotations

import os
import re
from fnmatch import fnmatchcase

from ..output.diagnostic import Diagnostic
from ..speed import Record, pure_path
from .rule import names_rule

# every comment addressed to xxgk-lint: one with a verb it does not know silences nothing and is said
# (a misspelt `disable-lines` must not read as `disable` to the end of the file)
_COMMENT = re.compile(r"<!--\s*xxgk-lint:\s*(?P<verb>[^\s>]*?)(?=\s|-->)(?P<rest>.*?)-->")
VERBS = ("disable", "enable", "disable-next-line", "disable-line")
INLINE_SUFFIXES = (".md", ".markdown", ".html", ".htm")


class Suppression(Record):
    """An out-of-band suppression: reports are published text, so they are silenced from the config."""

    __slots__ = ("files", "code", "location", "reason", "origin", "line", "used")

    def __init__(self, files: str, code: str, location: str, reason: str, origin: str = "", line: int = 1,
                 used: int = 0) -> None:
        self.files = files
        self.code = code
        self.location = location  # logical location pattern: part/六, 表三/三.三.*/自然人, or *
        self.reason = reason
        self.origin = origin  # config path:line, for the unused-suppression finding
        self.line = line
        self.used = used


class Inline(Record):
    __slots__ = ("codes", "first", "last", "reason", "line", "column", "used", "verb")

    def __init__(self, codes: list[str], first: int, last: int, reason: str, line: int, column: int,
                 used: int = 0, verb: str = "disable") -> None:
        self.codes = codes  # empty: every code
        self.first = first
        self.last = last
        self.reason = reason
        self.line = line  # where the comment is
        self.column = column
        self.used = used
        self.verb = verb  # as written: one of VERBS, or one not known (then it silences nothing)

    @property
    def known(self) -> bool:
        return self.verb in VERBS


def _codes_and_reason(rest: str) -> tuple[list[str], str]:
    codes, _, reason = rest.partition("--")
    return [c for c in re.split(r"[,\s]+", codes.strip()) if c], reason.strip()


def inline_suppressions(lines: list[str]) -> list[Inline]:
    found: list[Inline] = []
    open_: dict[str, Inline] = {}
    for number, text in enumerate(lines, 1):
        for match in _COMMENT.finditer(text):
            codes, reason = _codes_and_reason(match.group("rest"))
            verb = match.group("verb")
            if verb not in VERBS:
                found.append(Inline(codes, 0, -1, reason, number, match.start() + 1, verb=verb))
            elif verb == "disable-next-line":
                found.append(Inline(codes, number + 1, number + 1, reason, number, match.start() + 1, verb=verb))
            elif verb == "disable-line":  # at the end of the line it silences: a Markdown table row
                found.append(Inline(codes, number, number, reason, number, match.start() + 1, verb=verb))
            elif verb == "disable":
                item = Inline(codes, number, len(lines), reason, number, match.start() + 1)
                found.append(item)
                for code in codes or ["*"]:
                    open_[code] = item
            else:
                for code in codes or list(open_):
                    item = open_.pop(code, None)
                    if item is not None:
                        item.last = number
    return found


def code_matches(pattern: str, diagnostic: Diagnostic) -> bool:
    return names_rule(pattern, diagnostic.code, diagnostic.name)


def path_matches(pattern: str, path: str) -> bool:
    """A `files` glob of the configuration (suppressions, overrides, per-file-ignores): it matches the
    whole path, or its end from a slash on (`2020/*.txt` matches `reports/2020/a.txt`); `*` spans
    slashes, as in fnmatch. Both are compared as pathlib writes them (`./a//b` is `a/b`)."""
    path, pattern = _posix(path), _posix(pattern)
    return fnmatchcase(path, pattern) or fnmatchcase(path, f"*/{pattern}")


def _posix(path: str) -> str:
    return pure_path(path).replace(os.sep, "/")


def apply(diagnostics: list[Diagnostic], inline: list[Inline], configured: list[Suppression]) -> None:
    """Mark suppressed diagnostics (`diagnostic.suppression`) and count what each suppression used."""
    for d in diagnostics:
        for item in inline:
            if item.reason and item.first <= d.line <= item.last and (not item.codes or any(code_matches(c, d) for c in item.codes)):
                item.used += 1
                d.suppression = {"kind": "inSource", "justification": item.reason}
                break
        else:
            for s in configured:
                if path_matches(s.files, d.path) and code_matches(s.code, d) and \
                        fnmatchcase(d.logical or "", s.location or "*"):
                    s.used += 1
                    d.suppression = {"kind": "external", "justification": s.reason}
                    break
